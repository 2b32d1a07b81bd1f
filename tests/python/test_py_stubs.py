"""The type stubs of the native module (delta_kernel/_core.pyi) must parse and describe the
module as built: every name, and for every function the parameter names in order. A stub a
type checker cannot parse, or one that lags the bindings, misleads every user's IDE."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import delta_kernel
from delta_kernel import _core

STUB = Path(delta_kernel.__file__).with_name("_core.pyi")


def _stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text(), filename=str(STUB))


def _param_names(fn: ast.FunctionDef) -> list[str]:
    a = fn.args
    return [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs]


def _binding_param_names(signature: str) -> list[str]:
    # nanobind writes defaults as \0, \1, ...: make the text parse as Python.
    text = re.sub(r"\\\d+", "0", signature) + ": ..."
    fn = ast.parse(text).body[0]
    assert isinstance(fn, ast.FunctionDef), signature
    return _param_names(fn)


def test_stub_parses_and_names_every_module_member():
    tree = _stub_tree()
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    names |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
              if isinstance(t, ast.Name)}
    names |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign)
              and isinstance(n.target, ast.Name)}
    members = {n for n in dir(_core) if not n.startswith("__")}
    assert sorted(members - names) == [], "members without a stub"
    assert sorted(names - members) == [], "stubs of no member"


def test_stub_functions_take_the_bindings_parameters():
    stubs = {n.name: n for n in _stub_tree().body if isinstance(n, ast.FunctionDef)}
    checked = 0
    for name, fn in stubs.items():
        signatures = getattr(getattr(_core, name), "__nb_signature__", None)
        if not signatures or len(signatures) != 1:  # overloads: not compared
            continue
        assert _param_names(fn) == _binding_param_names(signatures[0][0]), name
        checked += 1
    assert checked >= 20, checked
