"""feedback_loop.core must import and work where frappe does not exist."""

import ast
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[1] / "feedback_loop" / "core"
FORBIDDEN = ("frappe", "erpnext")


def test_core_imports_in_a_python_that_blocks_frappe():
	# A fresh interpreter whose import system refuses frappe/erpnext: if any core module reaches
	# for them, even indirectly, the import fails and so does this test.
	program = f"""
import importlib, importlib.abc, pkgutil, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in {FORBIDDEN!r}:
            raise ImportError('core must not import ' + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, {str(CORE.parents[1])!r})
import feedback_loop.core as core
for mod in pkgutil.walk_packages(core.__path__, 'feedback_loop.core.'):
    importlib.import_module(mod.name)
print('ok', len(sys.modules))
"""
	result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr
	assert result.stdout.startswith("ok")


def test_no_core_source_names_frappe_in_an_import():
	offenders = []
	for path in CORE.rglob("*.py"):
		tree = ast.parse(path.read_text(encoding="utf-8"))
		for node in ast.walk(tree):
			names = []
			if isinstance(node, ast.Import):
				names = [alias.name for alias in node.names]
			elif isinstance(node, ast.ImportFrom) and node.module:
				names = [node.module]
			offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
	assert offenders == []


def test_the_analysis_imports_without_scikit_learn():
	# Every background job that opens a Feedback Record imports the analysis in a fresh process:
	# scikit-learn (0.75 s) only when a category model is trained or loaded, or a text analysed.
	program = f"""
import sys
sys.path.insert(0, {str(CORE.parents[1])!r})
import feedback_loop.core.triage.text.triage
print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))
"""
	result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
	assert result.returncode == 0, result.stderr
	assert result.stdout.strip() == "[]"
