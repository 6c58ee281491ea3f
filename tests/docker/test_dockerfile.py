#!/usr/bin/env python3
"""Structural checks of docker/Dockerfile that hadolint does not make.

No docker engine is needed: the Dockerfile is read as text. Checks that the
final stage's ENTRYPOINT is `sparkctl entrypoint` (exec form) and it runs as
uid 185; that every ARG used is declared where it is visible (global ARGs in
FROM lines, stage ARGs after their stage's FROM: a global ARG used inside a
stage without being re-declared there is empty, the classic mistake); that
every declared ARG is used; that the cloud block is off by default; that the
files it COPYs from the build context exist and are not excluded by
.dockerignore; that its Spark is the config's and the set-up's pyspark; that
the stages scripts/build-images.sh replaces by named build contexts exist.

  python test_dockerfile.py [REPO_ROOT]
"""

import fnmatch
import json
import os
import re
import sys
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))")
# Variables every RUN may use without an ARG: set by Docker or the shell.
SHELL_BUILTINS = {"PATH", "HOME", "PWD", "HOSTNAME", "TARGETPLATFORM", "TARGETARCH", "BUILDPLATFORM"}


def instructions(path):
    """(line number, INSTRUCTION, arguments) with continuations joined, comments dropped."""
    out, pending, start = [], "", 0
    with open(path) as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if pending and line.lstrip().startswith("#"):
                continue  # comment lines inside a continued instruction
            if not pending:
                start = number
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            text = (pending + line).strip()
            pending = ""
            word, _, rest = text.partition(" ")
            out.append((start, word.upper(), rest.strip()))
    return out


def stages(parsed):
    """[(globals, [stage instructions...])]: global ARGs, then one list per FROM."""
    global_args, result = [], []
    for item in parsed:
        if item[1] == "FROM":
            result.append([item])
        elif result:
            result[-1].append(item)
        else:
            global_args.append(item)
    return global_args, result


def arg_name(rest):
    return rest.split("=", 1)[0].strip()


def env_names(rest):
    # ENV a=1 b=2   or   ENV a 1
    if "=" not in rest.split(" ", 1)[0]:
        return {rest.split(" ", 1)[0]}
    return {m.group(1) for m in re.finditer(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=", rest)}


def used_vars(text):
    return {a or b for a, b in VAR.findall(text)}


def shell_assigned(text):
    """Variables a RUN sets itself (x=..., for x in, read x)."""
    names = set(re.findall(r"(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=", text))
    names |= set(re.findall(r"\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b", text))
    names |= set(re.findall(r"\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)", text))
    return names


class Dockerfile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path = os.path.join(ROOT, "docker", "Dockerfile")
        cls.parsed = instructions(cls.path)
        cls.global_args, cls.stages = stages(cls.parsed)

    def test_final_entrypoint_is_sparkctl_entrypoint(self):
        final = self.stages[-1]
        entrypoints = [rest for _, word, rest in final if word == "ENTRYPOINT"]
        self.assertEqual(len(entrypoints), 1, "the final stage needs exactly one ENTRYPOINT")
        self.assertEqual(json.loads(entrypoints[0]), ["/usr/local/bin/sparkctl", "entrypoint"])

    def test_final_stage_runs_as_spark_uid(self):
        final = self.stages[-1]
        users = [rest for _, word, rest in final if word == "USER"]
        self.assertTrue(users, "the final stage sets no USER")
        user = users[-1]
        names = used_vars(user)
        if names:
            (name,) = names
            defaults = [arg for _, word, arg in final if word == "ARG" and arg_name(arg) == name]
            self.assertTrue(defaults, "USER uses %s, which the stage does not declare" % name)
            user = defaults[-1].split("=", 1)[1] if "=" in defaults[-1] else ""
        self.assertEqual(user, "185")

    def test_from_lines_use_only_global_args(self):
        declared = {arg_name(rest) for _, _, rest in self.global_args}
        stage_names = set()
        for stage in self.stages:
            number, _, rest = stage[0]
            with self.subTest(line=number):
                missing = used_vars(rest) - declared
                self.assertFalse(missing, "FROM at line %d uses undeclared %s" % (number, sorted(missing)))
                image = rest.split()[0]
                self.assertTrue(used_vars(image) or ":" in image or image in stage_names,
                                "FROM at line %d has no tag" % number)
            match = re.search(r"\bAS\s+(\S+)", rest, re.I)
            if match:
                stage_names.add(match.group(1))

    def test_global_args_used_before_first_stage_are_declared(self):
        declared = set()
        for number, _, rest in self.global_args:
            missing = used_vars(rest.split("=", 1)[1] if "=" in rest else "") - declared
            self.assertFalse(missing, "ARG at line %d uses undeclared %s" % (number, sorted(missing)))
            declared.add(arg_name(rest))

    def test_stage_instructions_use_declared_args(self):
        all_args = {arg_name(rest) for _, word, rest in self.parsed if word == "ARG"}
        for stage in self.stages:
            visible = set(SHELL_BUILTINS)
            for number, word, rest in stage[1:]:
                if word == "ARG":
                    visible.add(arg_name(rest))
                    continue
                if word == "ENV":
                    visible |= env_names(rest)
                used = used_vars(rest)
                if word == "RUN":
                    # A RUN may use its own shell variables; what it may not
                    # use is an ARG the stage has not declared.
                    used = (used - shell_assigned(rest)) & all_args
                missing = used - visible
                with self.subTest(line=number):
                    self.assertFalse(missing, "%s at line %d uses %s, not declared in its stage"
                                     % (word, number, sorted(missing)))

    def test_every_arg_is_used(self):
        text_after = {}
        for index, (number, word, rest) in enumerate(self.parsed):
            if word == "ARG":
                text_after[(number, arg_name(rest))] = " ".join(r for _, _, r in self.parsed[index + 1:])
        for (number, name), later in text_after.items():
            with self.subTest(arg=name, line=number):
                self.assertIn(name, used_vars(later), "ARG %s (line %d) is never used" % (name, number))

    def test_cloud_block_is_off_by_default(self):
        args = {arg_name(rest): rest.split("=", 1)[1] if "=" in rest else None
                for _, word, rest in self.parsed if word == "ARG"}
        self.assertEqual(args.get("WITH_GCS"), "false")
        self.assertEqual(args.get("WITH_S3"), "false")
        for name in ("SPARK_VERSION", "JAVA_VERSION", "HADOOP_VERSION", "PYTHON_VERSION"):
            self.assertIn(name, args)

    def test_one_spark_version_everywhere(self):
        """The image's pyspark is spark.version of config/conf.yaml and the set-up's pyspark."""
        defaults = [rest.split("=", 1)[1] for _, word, rest in self.global_args
                    if word == "ARG" and arg_name(rest) == "SPARK_VERSION" and "=" in rest]
        self.assertEqual(len(defaults), 1, "SPARK_VERSION needs one global default")
        with open(os.path.join(ROOT, "config", "conf.yaml")) as handle:
            config = re.search(r"^spark:\n(?:[ #].*\n)*?\s+version:\s*([0-9.]+)", handle.read(), re.M)
        self.assertIsNotNone(config, "config/conf.yaml has no spark.version")
        self.assertEqual(defaults[0], config.group(1))
        with open(os.path.join(ROOT, "scripts", "setup.sh")) as handle:
            setup = re.search(r'PYSPARK_VERSION="\$\{PYSPARK_VERSION:-([0-9.]+)\}"', handle.read())
        self.assertIsNotNone(setup, "scripts/setup.sh sets no PYSPARK_VERSION")
        self.assertEqual(defaults[0], setup.group(1))

    def test_build_contexts_name_stages(self):
        """Each `--build-context NAME=` of scripts/build-images.sh replaces a stage of that name."""
        stage_names = set()
        for stage in self.stages:
            match = re.search(r"\bAS\s+(\S+)", stage[0][2], re.I)
            if match:
                stage_names.add(match.group(1))
        with open(os.path.join(ROOT, "scripts", "build-images.sh")) as handle:
            contexts = set(re.findall(r"--build-context \"?([a-z-]+)=", handle.read()))
        self.assertEqual(contexts, {"sparkctl", "pyspark-wheel", "connectors", "python-connect-wheels"})
        self.assertLessEqual(contexts, stage_names)

    def test_copied_context_files_exist_and_are_not_ignored(self):
        ignore = []
        with open(os.path.join(ROOT, ".dockerignore")) as handle:
            ignore = [l.strip() for l in handle if l.strip() and not l.startswith("#")]
        for required in (".cache", ".git"):
            self.assertIn(required, ignore)
        self.assertTrue(any(p.startswith("build") for p in ignore), ".dockerignore keeps build trees")
        for number, word, rest in self.parsed:
            if word not in ("COPY", "ADD") or "--from=" in rest:
                continue
            parts = [p for p in rest.split() if not p.startswith("--")]
            for source in parts[:-1]:
                with self.subTest(line=number, source=source):
                    if source == ".":
                        continue
                    self.assertTrue(os.path.exists(os.path.join(ROOT, source)),
                                    "line %d copies %s, which does not exist" % (number, source))
                    for pattern in ignore:
                        self.assertFalse(fnmatch.fnmatch(source, pattern) or
                                         source.startswith(pattern.rstrip("*") + "/") and "*" not in pattern,
                                         "line %d copies %s, excluded by .dockerignore %s"
                                         % (number, source, pattern))


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        ROOT = sys.argv.pop(1)
    unittest.main(verbosity=2)
