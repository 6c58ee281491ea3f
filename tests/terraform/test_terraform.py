#!/usr/bin/env python3
"""Checks the GKE sample in terraform/ without a cloud or terraform itself.

Parses every .tf file with python-hcl2 (PyPI `python-hcl2`, in the project
venv) and checks what `terraform validate` would catch and more: every file
parses, variables are declared where used and used where declared, locals
and resource references resolve, outputs point at existing resources, the
providers are pinned, and the cluster is what docs/image.md promises
(Workload Identity, default pool removed, an autoscaling Spark pool).

  python test_terraform.py [TERRAFORM_DIR]     (default: <repo>/terraform)
"""

import glob
import os
import re
import sys
import unittest

try:
    import hcl2
except ImportError:  # reported by the test below, with the fix
    hcl2 = None

TERRAFORM_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "terraform")
META_KEYS = {"__is_block__", "__comments__", "__inline_comments__"}
IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"


def unquote(text):
    """python-hcl2 8 keeps the quotes of block labels and string literals."""
    if isinstance(text, str) and len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def strings(node):
    """Every string value under node, comments left out."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in META_KEYS:
                yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


def interpolations(text):
    """The expressions inside ${...} of one string (nested braces allowed)."""
    out, i = [], 0
    while True:
        start = text.find("${", i)
        if start < 0:
            return out
        depth, j = 1, start + 2
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        out.append(text[start + 2:j - 1])
        i = j


def expressions(node):
    for text in strings(node):
        yield from interpolations(text)


def references(node, prefix):
    """Names after `prefix.` (var, local) in the expressions under node."""
    pattern = re.compile(r"(?<![\w.])" + re.escape(prefix) + r"\.(" + IDENT + ")")
    return {m.group(1) for expr in expressions(node) for m in pattern.finditer(expr)}


def resource_references(node):
    """(type, name) of google_* resources referenced in expressions under node."""
    pattern = re.compile(r"(?<![\w.])(google_[a-z0-9_]+)\.(" + IDENT + ")")
    return {m.groups() for expr in expressions(node) for m in pattern.finditer(expr)}


def blocks(parsed, kind):
    """{label: body} of the single-label blocks of a kind (variable, output)."""
    found = {}
    for entry in parsed.get(kind, []):
        for label, body in entry.items():
            if label not in META_KEYS:
                found[unquote(label)] = body
    return found


def resources(parsed):
    """{(type, name): body} of the resource blocks."""
    found = {}
    for entry in parsed.get("resource", []):
        for rtype, named in entry.items():
            if rtype in META_KEYS:
                continue
            for name, body in named.items():
                if name not in META_KEYS:
                    found[(unquote(rtype), unquote(name))] = body
    return found


def first_block(body, name):
    value = body.get(name)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return None


class TerraformSample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = sorted(glob.glob(os.path.join(TERRAFORM_DIR, "*.tf")))
        cls.parsed = {}
        if hcl2 is None:
            return
        for path in cls.files:
            with open(path) as handle:
                try:
                    cls.parsed[os.path.basename(path)] = hcl2.load(handle)
                except Exception as error:  # the parser's own error types vary by version
                    cls.parsed[os.path.basename(path)] = error

    def setUp(self):
        if hcl2 is None:
            self.fail("python-hcl2 is not installed for %s: pip install python-hcl2" % sys.executable)

    def all_parsed(self):
        return [tree for tree in self.parsed.values() if isinstance(tree, dict)]

    def merged(self, kind, collect=blocks):
        out = {}
        for tree in self.all_parsed():
            out.update(collect(tree, kind) if collect is blocks else collect(tree))
        return out

    def test_expected_files_exist(self):
        names = {os.path.basename(path) for path in self.files}
        for expected in ("versions.tf", "variables.tf", "main.tf", "outputs.tf"):
            self.assertIn(expected, names)

    def test_every_file_parses(self):
        for name, tree in self.parsed.items():
            with self.subTest(file=name):
                self.assertIsInstance(tree, dict, "%s: %s" % (name, tree))

    def test_referenced_variables_are_declared(self):
        declared = set(self.merged("variable"))
        for name, tree in self.parsed.items():
            with self.subTest(file=name):
                missing = references(tree, "var") - declared
                self.assertFalse(missing, "%s uses undeclared variables %s" % (name, sorted(missing)))

    def test_declared_variables_are_used(self):
        used = set()
        for tree in self.all_parsed():
            # A variable's own validation block does not count as a use.
            used |= references({k: v for k, v in tree.items() if k != "variable"}, "var")
        unused = set(self.merged("variable")) - used
        self.assertFalse(unused, "declared but never used: %s" % sorted(unused))

    def test_variables_are_described_and_typed(self):
        for name, body in self.merged("variable").items():
            with self.subTest(variable=name):
                self.assertTrue(body.get("description"), "variable %s has no description" % name)
                self.assertIn("type", body, "variable %s has no type" % name)

    def test_locals_resolve(self):
        declared = set()
        for tree in self.all_parsed():
            for entry in tree.get("locals", []):
                declared |= {key for key in entry if key not in META_KEYS}
        for name, tree in self.parsed.items():
            with self.subTest(file=name):
                missing = references(tree, "local") - declared
                self.assertFalse(missing, "%s uses undeclared locals %s" % (name, sorted(missing)))

    def test_resource_references_resolve(self):
        declared = set(self.merged(None, collect=resources))
        for name, tree in self.parsed.items():
            with self.subTest(file=name):
                missing = resource_references(tree) - declared
                self.assertFalse(missing, "%s references missing resources %s" % (name, sorted(missing)))

    def test_outputs_reference_existing_resources(self):
        declared = set(self.merged(None, collect=resources))
        outputs = self.merged("output")
        self.assertTrue(outputs, "no outputs")
        for name, body in outputs.items():
            with self.subTest(output=name):
                self.assertTrue(body.get("description"), "output %s has no description" % name)
                refs = resource_references(body.get("value"))
                self.assertTrue(refs or references(body.get("value"), "var"),
                                "output %s refers to nothing" % name)
                self.assertFalse(refs - declared, "output %s: missing %s" % (name, sorted(refs - declared)))

    def test_expected_outputs(self):
        outputs = self.merged("output")
        for expected in ("cluster_name", "cluster_endpoint", "registry_url", "get_credentials_command"):
            self.assertIn(expected, outputs)
        self.assertTrue(unquote(outputs["bucket_reader_key"].get("sensitive")) in (True, "true"),
                        "the key output must be sensitive")

    def test_required_providers_are_pinned(self):
        terraform = [entry for tree in self.all_parsed() for entry in tree.get("terraform", [])]
        self.assertTrue(terraform, "no terraform block")
        self.assertTrue(any(entry.get("required_version") for entry in terraform), "no required_version")
        providers = {}
        for entry in terraform:
            for block in entry.get("required_providers", []):
                providers.update({k: v for k, v in block.items() if k not in META_KEYS})
        self.assertIn("google", providers)
        for name, spec in providers.items():
            with self.subTest(provider=name):
                self.assertRegex(unquote(spec.get("source", "")), r"^[\w-]+/[\w-]+$")
                version = unquote(spec.get("version", ""))
                self.assertRegex(version, r"^(~>|=|>=)\s*\d+\.\d+", "provider %s not pinned" % name)
        used_prefixes = {rtype.split("_")[0] for rtype, _ in self.merged(None, collect=resources)}
        self.assertFalse(used_prefixes - set(providers),
                         "resources of providers not in required_providers: %s" % (used_prefixes - set(providers)))

    def test_cluster_uses_workload_identity_without_default_pool(self):
        clusters = [b for (t, _), b in self.merged(None, collect=resources).items()
                    if t == "google_container_cluster"]
        self.assertEqual(len(clusters), 1)
        cluster = clusters[0]
        self.assertIs(cluster.get("remove_default_node_pool"), True)
        identity = first_block(cluster, "workload_identity_config")
        self.assertIsNotNone(identity, "no workload_identity_config")
        self.assertIn(".svc.id.goog", identity.get("workload_pool", ""))

    def test_node_pool_autoscales_with_its_own_service_account(self):
        pools = [b for (t, _), b in self.merged(None, collect=resources).items()
                 if t == "google_container_node_pool"]
        self.assertTrue(pools, "no google_container_node_pool")
        variables = self.merged("variable")
        for pool in pools:
            scaling = first_block(pool, "autoscaling")
            self.assertIsNotNone(scaling, "node pool without autoscaling")
            self.assertIn("min_node_count", scaling)
            self.assertIn("max_node_count", scaling)
            low = variables["min_nodes"].get("default")
            high = variables["max_nodes"].get("default")
            self.assertLessEqual(low, high, "default min_nodes > max_nodes")
            node_config = first_block(pool, "node_config")
            self.assertIsNotNone(node_config)
            self.assertIn("google_service_account.nodes.email", node_config.get("service_account", ""))
            metadata = first_block(node_config, "workload_metadata_config")
            self.assertEqual(unquote(metadata.get("mode")), "GKE_METADATA")

    def test_service_accounts_and_roles(self):
        all_resources = self.merged(None, collect=resources)
        self.assertIn(("google_service_account", "nodes"), all_resources)
        self.assertIn(("google_service_account", "bucket_reader"), all_resources)
        self.assertIn(("google_service_account_key", "bucket_reader"), all_resources)
        self.assertIn(("google_artifact_registry_repository", "spark"), all_resources)
        roles = " ".join(strings([body for body in all_resources.values()]))
        self.assertIn("roles/artifactregistry.reader", roles)
        self.assertIn("roles/storage.objectViewer", roles)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        TERRAFORM_DIR = sys.argv.pop(1)
    unittest.main(verbosity=2)
