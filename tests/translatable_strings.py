"""Every user-facing string of the app, found the way Frappe's translation extractor finds them.

Used by test_translations.py; kept apart so that a missing translation is reported as a list.
"""

import ast
import json
import pathlib
import re

APP = pathlib.Path(__file__).resolve().parents[1] / "feedback_loop"
JS_CALL = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""", re.S)
#: Doctype properties that the desk shows to people.
DOCTYPE_TEXT = ("label", "description")


def python_strings() -> set[str]:
	found = set()
	for path in APP.rglob("*.py"):
		if "/core/" in str(path) or path.name.startswith("test_"):
			continue
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				found.add(node.args[0].value)
	return found


def js_strings() -> set[str]:
	found = set()
	for path in APP.rglob("*.js"):
		found |= {m.group(2) for m in JS_CALL.finditer(path.read_text(encoding="utf-8"))}
	return found


def doctype_strings() -> set[str]:
	found = set()
	for path in APP.glob("*/doctype/*/*.json"):
		doctype = json.loads(path.read_text(encoding="utf-8"))
		found.add(doctype["name"])
		for field in doctype.get("fields", []):
			found |= {field[key] for key in DOCTYPE_TEXT if field.get(key)}
			if field.get("fieldtype") == "Select" and field.get("options"):
				found |= {option for option in field["options"].split("\n") if option}
	for path in APP.glob("*/workspace/*/*.json"):
		workspace = json.loads(path.read_text(encoding="utf-8"))
		found.add(workspace["label"])
		for key in ("shortcuts", "links", "number_cards", "charts"):
			found |= {row["label"] for row in workspace.get(key, []) if row.get("label")}
		found |= {row["format"] for row in workspace.get("shortcuts", []) if row.get("format")}
	return found


JINJA_CALL = re.compile(r"""_\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)""")


def print_format_strings() -> set[str]:
	found = set()
	for path in APP.glob("*/print_format/*/*.json"):
		html = json.loads(path.read_text(encoding="utf-8")).get("html") or ""
		found |= {m.group(2) for m in JINJA_CALL.finditer(html)}
	return found


def page_strings() -> set[str]:
	"""The website pages (survey, portal): Jinja templates calling _()."""
	found = set()
	for path in [*APP.glob("www/**/*.html"), *APP.glob("templates/**/*.html")]:
		found |= {m.group(2) for m in JINJA_CALL.finditer(path.read_text(encoding="utf-8"))}
	return found


def workflow_strings() -> set[str]:
	"""State and action names of the workflows we ship: the desk shows them translated.

	Read from the workflow modules' STATES and *STEPS assignments, which may use the module's
	own string constants (DRAFT = "Draft").
	"""
	found = set()
	for name in ("rca/lifecycle.py", "plans/lifecycle.py"):
		module = ast.parse((APP / "core" / name).read_text(encoding="utf-8"))
		constants = {}
		for node in module.body:
			if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
				continue
			target = node.targets[0].id
			if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
				constants[target] = node.value.value
			elif target == "STATES" or target.endswith("STEPS"):
				value = eval(compile(ast.Expression(node.value), name, "eval"), {}, dict(constants))
				if isinstance(value, dict):
					found |= set(value)
				else:
					found |= {part for step in value for part in step}
	return found


def all_strings() -> set[str]:
	return (
		python_strings()
		| js_strings()
		| doctype_strings()
		| print_format_strings()
		| page_strings()
		| workflow_strings()
	)
