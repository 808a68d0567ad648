"""Root cause analysis rules.

- ``five_whys.py``     the 5 Whys chain: when it is complete, what it concludes
- ``fishbone.py``      the 6M fishbone (人 机 料 法 环 测): causes, sub-causes, root causes, layout
- ``fishbone_svg.py``  the fishbone drawn as SVG, the same in the form and in the PDF
- ``solutions.py``      candidate solutions per root cause: cost, effect, difficulty, best return
- ``text_measure.py``  text widths and line breaks for the SVG, without a font library
- ``lifecycle.py``     the analysis workflow as data: Draft → In Analysis → Under Review →
                       Validated / Rejected

Used by services/rca (the Root Cause Analysis controller, the print format's jinja method) and
setup/workflows.py (installs the workflow).
"""
