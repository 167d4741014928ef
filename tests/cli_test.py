#!/usr/bin/env python3
"""Whole-program tests of the quarry command-line tool (Python 3 standard library only).

Usage: cli_test.py --cli PATH --samples DIR [--readme FILE] [--group core|samples] [-k NAME]

Two groups, registered as two ctest entries:
  core     the options, exit codes, error lines, JSON / JSON Lines, --out, --jobs, detect, formats,
           the progress bar, the README's formats table: everything, exercised with plain-text
           inputs and with files whose extractor is missing or that are not documents at all.
  samples  every document in samples/ extracts, with its own format and the words it must contain
           (needs every core-format extractor).
"""
import argparse
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import unittest

ARGS = None  # set in main()
ERROR_LINE = re.compile(r"^quarry: (?P<path>.+): (?P<code>[A-Z_]+): (?P<message>.+)$")


def run(*args, stdin=None, cwd=None, check_rc=None):
    """Runs the CLI; returns (rc, stdout bytes, stderr text)."""
    p = subprocess.run([ARGS.cli, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=120)
    err = p.stderr.decode("utf-8", "replace")
    if check_rc is not None and p.returncode != check_rc:
        raise AssertionError(f"quarry {' '.join(map(str, args))}: exit {p.returncode}, expected {check_rc}\n"
                             f"stderr: {err}\nstdout: {p.stdout[:2000]!r}")
    return p.returncode, p.stdout, err


def sample(name):
    return os.path.join(ARGS.samples, name)


def write(path, data):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def error_lines(stderr):
    """The failure lines on stderr, each parsed; asserts every stderr line is one."""
    found = []
    for line in stderr.splitlines():
        m = ERROR_LINE.match(line)
        assert m, f"stderr line is not 'quarry: PATH: CODE: message': {line!r}"
        found.append(m)
    return found


def expected_text(path):
    """What the text extractor gives for a UTF-8 file: LF line ends, no trailing newlines."""
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\r\n", "\n").rstrip("\n")


# Inputs no current or planned extractor accepts, and one whose extractor is not in this build.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
BINARY = bytes((i * 7919) % 251 for i in range(5000))  # NULs and control bytes: not text
BROKEN_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"  # truncated: FORMAT_NOT_LOADED or CORRUPT


class Temp(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="quarry-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)


# ---------------------------------------------------------------------------------------------
class CommandLine(Temp):
    def test_help_and_version(self):
        rc, out, err = run("--help", check_rc=0)
        text = out.decode()
        for word in ("Usage:", "--markdown", "--json", "--pages", "--jobs", "--out", "--summary", "formats", "detect"):
            self.assertIn(word, text)
        self.assertEqual(err, "")
        _, out, _ = run("--version", check_rc=0)
        self.assertRegex(out.decode(), r"^quarry \d+\.\d+\.\d+\n$")
        _, short, _ = run("-h", check_rc=0)
        self.assertIn("Usage:", short.decode())

    def test_usage_errors_exit_2(self):
        f = write(self.path("a.txt"), "text\n")
        cases = [
            [],
            ["--bogus", f],
            ["--jobs", "0", f],
            ["--jobs", "many", f],
            ["--jobs"],
            ["-j", "-3", f],
            ["--out"],
            ["--json=yes", f],
            ["formats", f],
            ["formats", "--markdown", "--json"],
            ["formats", "--pages"],
            ["detect"],
            ["detect", "--json", f],
            ["--summary", "--json", f],
            ["--summary", "--out", self.path("o"), f],
        ]
        for args in cases:
            with self.subTest(args=args):
                rc, out, err = run(*args)
                self.assertEqual(rc, 2, err)
                self.assertEqual(out, b"")
                self.assertTrue(err.startswith("quarry: "), err)
                self.assertIn("--help", err)

    def test_option_spellings(self):
        f = write(self.path("a.txt"), "spelled\n")
        want = run(f, check_rc=0)[1]
        for args in (["-j2", f], ["--jobs=2", f], ["-j", "2", f], [f, "--jobs", "2"], ["--", f]):
            with self.subTest(args=args):
                self.assertEqual(run(*args, check_rc=0)[1], want)
        # "--" lets a file be named like an option or a command.
        odd = write(self.path("--json"), "dash file\n")
        _, out, _ = run("--", odd, check_rc=0)
        self.assertEqual(out, b"dash file\n")
        fmt = write(self.path("formats"), "not the command\n")
        _, out, _ = run(fmt, check_rc=0)  # a path, not the first word "formats"
        self.assertEqual(out, b"not the command\n")


# ---------------------------------------------------------------------------------------------
class DocumentOptions(Temp):
    """--password, --images and the office switches reach the extractor."""
    GOLDEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "pdf")

    def setUp(self):
        super().setUp()
        names = [f["name"] for f in json.loads(run("formats", "--json", check_rc=0)[1])]
        if "pdf" not in names:
            self.skipTest("no PDF extractor in this build")

    def test_password(self):
        f = os.path.join(self.GOLDEN, "encrypted-user-password.pdf")
        rc, _, err = run(f)
        self.assertEqual(rc, 1)
        self.assertEqual(error_lines(err)[0]["code"], "ENCRYPTED")
        rc, out, _ = run("--password", "secret", f, check_rc=0)
        self.assertTrue(out.strip())
        self.assertEqual(run("--password=wrong", f)[0], 1)

    @staticmethod
    def pdf_with_image():
        """A one-page PDF that draws a 64x32 JPEG-encoded image XObject (its bytes are never decoded)."""
        content = b"q 64 0 0 32 0 0 cm /Im0 Do Q"
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
                b"<< /Type /XObject /Subtype /Image /Width 64 /Height 32 /BitsPerComponent 8 "
                b"/ColorSpace /DeviceGray /Filter /DCTDecode /Length 2 >>\nstream\nxx\nendstream"]
        out, offsets = b"%PDF-1.4\n", []
        for i, o in enumerate(objs):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
        return out

    def test_images_in_json(self):
        f = write(self.path("image.pdf"), self.pdf_with_image())
        doc = json.loads(run("--json", "--images", f, check_rc=0)[1])
        self.assertEqual(doc["images"], [{"format": "jpeg", "width": 64, "height": 32, "pageNumber": 1, "name": "Im0"}])
        self.assertNotIn("images", json.loads(run("--json", f, check_rc=0)[1]))
        # The office switches are accepted everywhere (formats without such parts ignore them).
        run("--headers-footers", "--comments", "--notes", f, check_rc=0)


# ---------------------------------------------------------------------------------------------
class TextOutput(Temp):
    def test_one_file_prints_its_text(self):
        rc, out, err = run(sample("travel-notes.txt"), check_rc=0)
        self.assertEqual(err, "")
        self.assertEqual(out.decode("utf-8"), expected_text(sample("travel-notes.txt")) + "\n")

    def test_utf16_sample_decodes_like_its_utf8_source(self):
        utf8 = sample("travel-notes.txt")
        utf16 = sample("travel-notes.utf16le.txt")
        with open(utf16, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xff\xfe"), "UTF-16 LE sample must start with its BOM")
        # The committed file is exactly what samples/README.md says generates it.
        with open(utf8, "rb") as f:
            source = f.read().decode("utf-8")
        regenerated = b"\xff\xfe" + source.replace("\n", "\r\n").encode("utf-16-le")
        self.assertEqual(raw, regenerated, "travel-notes.utf16le.txt is stale: regenerate it (samples/README.md)")
        _, out16, _ = run(utf16, check_rc=0)
        _, out8, _ = run(utf8, check_rc=0)
        self.assertEqual(out16, out8)
        self.assertEqual(out16.decode("utf-8"), raw[2:].decode("utf-16-le").replace("\r\n", "\n").rstrip("\n") + "\n")
        for word in ("Zürich", "crème brûlée", "Ευχαριστώ", "ありがとう", "🚲", "São Paulo"):
            self.assertIn(word, out16.decode("utf-8"))
        _, js, _ = run("--json", utf16, check_rc=0)
        doc = json.loads(js)
        self.assertEqual(doc["metadata"]["encoding"], "utf-16le")

    def test_several_files_have_headers_in_input_order(self):
        a = write(self.path("b-first.txt"), "alpha\n")
        b = write(self.path("a-second.txt"), "beta\n")
        _, out, _ = run(a, b, check_rc=0)
        self.assertEqual(out.decode(), f"==> {a} <==\nalpha\n\n==> {b} <==\nbeta\n")

    def test_empty_file(self):
        e = write(self.path("empty.txt"), "")
        _, out, _ = run(e, check_rc=0)
        self.assertEqual(out, b"")
        a = write(self.path("a.txt"), "a\n")
        _, out, _ = run(e, a, check_rc=0)
        self.assertEqual(out.decode(), f"==> {e} <==\n\n==> {a} <==\na\n")

    def test_stdin(self):
        _, out, _ = run("-", stdin="from a pipe\nsecond line\n".encode(), check_rc=0)
        self.assertEqual(out, b"from a pipe\nsecond line\n")
        _, js, _ = run("--json", "-", stdin=b"piped", check_rc=0)
        self.assertEqual(json.loads(js)["path"], "-")

    def test_markdown_mode_on_text(self):
        _, out, _ = run("--markdown", sample("travel-notes.txt"), check_rc=0)
        self.assertIn("Ευχαριστώ", out.decode())

    def test_large_file_streams_whole(self):
        line = "The quick brown fox jumps over the lazy dog. Ünïcödé ✓\n"
        big = write(self.path("big.txt"), line * 120000)  # ~7 MB
        _, out, _ = run(big, check_rc=0)
        self.assertEqual(len(out), len((line * 120000).rstrip("\n").encode()) + 1)
        self.assertEqual(out.decode(), (line * 120000).rstrip("\n") + "\n")

    def test_pages_on_a_format_without_pages(self):
        f = sample("travel-notes.txt")
        _, plain, _ = run(f, check_rc=0)
        _, paged, _ = run("--pages", f, check_rc=0)
        self.assertEqual(paged, plain)  # no pages: no form feeds
        self.assertNotIn(b"\f", paged)
        _, js, _ = run("--json", "--pages", f, check_rc=0)
        self.assertNotIn("pages", json.loads(js))

    def test_write_error_is_reported(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        with open("/dev/full", "wb") as full:
            p = subprocess.run([ARGS.cli, sample("travel-notes.txt")], stdout=full, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn("quarry:", p.stderr.decode())


# ---------------------------------------------------------------------------------------------
class Directories(Temp):
    def make_tree(self):
        root = self.path("tree")
        write(os.path.join(root, "b.txt"), "b\n")
        write(os.path.join(root, "a.txt"), "a\n")
        write(os.path.join(root, "a", "z.txt"), "a/z\n")
        write(os.path.join(root, "a", "b", "c.txt"), "a/b/c\n")
        write(os.path.join(root, "C.txt"), "C\n")
        write(os.path.join(root, ".hidden.txt"), "hidden file\n")
        write(os.path.join(root, ".git", "config.txt"), "hidden dir\n")
        write(os.path.join(root, "a", ".cache", "x.txt"), "hidden nested dir\n")
        os.symlink(root, os.path.join(root, "a", "loop"))  # a link to a directory is not followed
        return root

    def test_walk_is_recursive_sorted_and_skips_hidden(self):
        root = self.make_tree()
        _, out, _ = run("--json", root, check_rc=0)
        paths = [json.loads(line)["path"] for line in out.decode().splitlines()]
        rel = [os.path.relpath(p, root) for p in paths]
        self.assertEqual(rel, ["C.txt", "a/b/c.txt", "a/z.txt", "a.txt", "b.txt"])
        texts = [json.loads(line)["content"] for line in out.decode().splitlines()]
        self.assertEqual(texts, ["C", "a/b/c", "a/z", "a", "b"])

    def test_files_and_directories_keep_argument_order(self):
        root = self.make_tree()
        single = write(self.path("single.txt"), "single\n")
        _, out, _ = run("--json", single, os.path.join(root, "a"), check_rc=0)
        paths = [json.loads(line)["path"] for line in out.decode().splitlines()]
        self.assertEqual(paths, [single, os.path.join(root, "a", "b", "c.txt"), os.path.join(root, "a", "z.txt")])

    def test_empty_directory(self):
        os.makedirs(self.path("empty"))
        rc, out, err = run(self.path("empty"))
        self.assertEqual((rc, out), (0, b""))
        self.assertIn("no files", err)


# ---------------------------------------------------------------------------------------------
class Failures(Temp):
    def make_mixed(self):
        good1 = write(self.path("1-good.txt"), "first good file\n")
        png = write(self.path("2-picture.png"), PNG)
        binary = write(self.path("3-blob.bin"), BINARY)
        pdf = write(self.path("4-broken.pdf"), BROKEN_PDF)
        missing = self.path("5-missing.txt")
        good2 = write(self.path("6-good.txt"), "second good file\n")
        return [good1, png, binary, pdf, missing, good2]

    def check_errors(self, err, files):
        lines = error_lines(err)
        by_path = {m["path"]: m for m in lines}
        self.assertEqual([m["path"] for m in lines], files[1:5], "one error line per failed file, in order")
        self.assertEqual(by_path[files[1]]["code"], "UNSUPPORTED_FORMAT")
        self.assertEqual(by_path[files[2]]["code"], "UNSUPPORTED_FORMAT")
        self.assertIn(by_path[files[3]]["code"], ("FORMAT_NOT_LOADED", "CORRUPT"))
        self.assertEqual(by_path[files[4]]["code"], "IO_ERROR")
        return by_path

    def test_text_mode_keeps_going_and_exits_1(self):
        files = self.make_mixed()
        rc, out, err = run(*files)
        self.assertEqual(rc, 1)
        self.check_errors(err, files)
        self.assertEqual(out.decode(), f"==> {files[0]} <==\nfirst good file\n\n==> {files[5]} <==\nsecond good file\n")

    def test_json_lines_hold_error_objects(self):
        files = self.make_mixed()
        rc, out, err = run("--json", *files)
        self.assertEqual(rc, 1)
        self.check_errors(err, files)
        lines = out.decode().splitlines()
        self.assertEqual(len(lines), len(files))
        objs = [json.loads(line) for line in lines]  # every line is one JSON value
        self.assertEqual([o["path"] for o in objs], files)
        self.assertEqual(objs[0]["content"], "first good file")
        self.assertEqual(objs[5]["content"], "second good file")
        for o in objs[1:5]:
            self.assertEqual(set(o), {"path", "error"})
            self.assertEqual(set(o["error"]) - {"offset"}, {"code", "message"})
            self.assertTrue(o["error"]["message"])
        self.assertEqual(objs[1]["error"]["code"], "UNSUPPORTED_FORMAT")
        self.assertEqual(objs[4]["error"]["code"], "IO_ERROR")

    def test_one_failed_file(self):
        png = write(self.path("only.png"), PNG)
        rc, out, err = run(png)
        self.assertEqual((rc, out), (1, b""))
        self.assertEqual([m["code"] for m in error_lines(err)], ["UNSUPPORTED_FORMAT"])
        rc, out, err = run("--json", png)
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out)["error"]["code"], "UNSUPPORTED_FORMAT")

    def test_directory_argument_with_a_bad_file(self):
        write(self.path("d", "a.txt"), "fine\n")
        write(self.path("d", "b.png"), PNG)
        rc, out, err = run("--json", self.path("d"))
        self.assertEqual(rc, 1)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(["content" in o for o in objs], [True, False])
        self.assertEqual(len(error_lines(err)), 1)


# ---------------------------------------------------------------------------------------------
class Json(Temp):
    def test_one_file_is_one_document(self):
        f = sample("travel-notes.txt")
        _, out, _ = run("--json", f, check_rc=0)
        self.assertTrue(out.endswith(b"\n"))
        self.assertEqual(out.count(b"\n"), 1)
        doc = json.loads(out)
        self.assertEqual(list(doc)[0], "path")
        self.assertEqual(doc["path"], f)
        self.assertEqual(doc["content"], expected_text(f))
        self.assertEqual(doc["mimeType"], "text/plain")
        self.assertIsInstance(doc["metadata"], dict)
        self.assertEqual(doc["tables"], [])
        self.assertEqual(doc["warnings"], [])
        self.assertEqual(doc["metadata"]["encoding"], "utf-8")

    def test_windows1252_text(self):
        latin = write(self.path("latin.txt"), b"caf\xe9 cr\xe8me \x93quoted\x94\n")  # not UTF-8
        _, out, _ = run("--json", latin, check_rc=0)
        doc = json.loads(out)
        self.assertEqual(doc["content"], "café crème \u201cquoted\u201d")
        self.assertEqual(doc["metadata"]["encoding"], "windows-1252")

    def test_warnings_reach_json(self):
        odd = write(self.path("odd.txt"), b"\xff\xfeA\x00B\x00C")  # UTF-16 with a stray last byte
        _, out, _ = run("--json", odd, check_rc=0)
        doc = json.loads(out)
        self.assertTrue(doc["content"].startswith("AB"))
        self.assertEqual([w["code"] for w in doc["warnings"]], ["invalid_utf16"])
        _, out, _ = run("--summary", odd, check_rc=0)
        self.assertIn("1 warning", out.decode())

    def test_markdown_json(self):
        _, out, _ = run("--json", "--markdown", sample("travel-notes.txt"), check_rc=0)
        self.assertIn("Zürich", json.loads(out)["content"])

    def test_file_names_that_are_not_utf8(self):
        name = os.path.join(os.fsencode(self.tmp), b"caf\xe9.txt")
        with open(name, "wb") as f:
            f.write(b"odd name\n")
        p = subprocess.run([ARGS.cli, "--json", name], capture_output=True, timeout=60)
        self.assertEqual(p.returncode, 0)
        doc = json.loads(p.stdout)  # still valid JSON (the name is repaired)
        self.assertEqual(doc["content"], "odd name")


# ---------------------------------------------------------------------------------------------
class OutDir(Temp):
    def make_tree(self):
        src = self.path("src")
        write(os.path.join(src, "top.txt"), "top\n")
        write(os.path.join(src, "deep", "er", "leaf.txt"), "leaf\n")
        write(os.path.join(src, "deep", "pic.png"), PNG)
        write(os.path.join(src, ".hidden.txt"), "hidden\n")
        return src

    def listing(self, root):
        found = []
        for d, _, files in os.walk(root):
            found += [os.path.relpath(os.path.join(d, f), root) for f in files]
        return sorted(found)

    def test_text_tree(self):
        src, out = self.make_tree(), self.path("out")
        extra = write(self.path("extra.txt"), "extra\n")
        rc, stdout, err = run("--out", out, src, extra)
        self.assertEqual(rc, 1)  # the PNG
        self.assertEqual(stdout, b"")
        self.assertEqual([m["path"] for m in error_lines(err)], [os.path.join(src, "deep", "pic.png")])
        self.assertEqual(self.listing(out), ["deep/er/leaf.txt.txt", "extra.txt.txt", "top.txt.txt"])
        with open(os.path.join(out, "deep", "er", "leaf.txt.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "leaf\n")

    def test_markdown_and_json_extensions(self):
        src = self.make_tree()
        run("--markdown", "-o", self.path("md"), src)
        self.assertEqual(self.listing(self.path("md")), ["deep/er/leaf.txt.md", "top.txt.md"])
        run("--json", "--out", self.path("js"), src)
        self.assertEqual(self.listing(self.path("js")), ["deep/er/leaf.txt.json", "top.txt.json"])
        with open(self.path("js", "top.txt.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["content"], "top")
        self.assertEqual(doc["path"], os.path.join(src, "top.txt"))

    def test_jobs_write_the_same_tree(self):
        src = self.make_tree()
        run("--out", self.path("seq"), src)
        run("--jobs", "3", "--out", self.path("par"), src)
        self.assertEqual(self.listing(self.path("seq")), self.listing(self.path("par")))
        for rel in self.listing(self.path("seq")):
            with open(self.path("seq", rel), "rb") as a, open(self.path("par", rel), "rb") as b:
                self.assertEqual(a.read(), b.read(), rel)

    def test_colliding_outputs_are_not_overwritten(self):
        a = write(self.path("x", "same.txt"), "from x\n")
        b = write(self.path("y", "same.txt"), "from y\n")
        rc, _, err = run("--out", self.path("out"), a, b)
        self.assertEqual(rc, 1)
        [line] = error_lines(err)
        self.assertEqual(line["path"], b)
        with open(self.path("out", "same.txt.txt"), encoding="utf-8") as f:
            self.assertEqual(f.read(), "from x\n")

    def test_unwritable_out_dir(self):
        blocker = write(self.path("file-not-dir"), "x")
        rc, _, err = run("--out", os.path.join(blocker, "sub"), sample("travel-notes.txt"))
        self.assertEqual(rc, 1)
        self.assertEqual([m["code"] for m in error_lines(err)], ["IO_ERROR"])


# ---------------------------------------------------------------------------------------------
class Jobs(Temp):
    def make_batch(self):
        root = self.path("batch")
        for i in range(60):
            # Sizes vary a lot so that parallel workers finish out of order.
            body = (f"file {i} " + "word " * (i * 37 % 500) + "\n") * (1 + (i * 13) % 40)
            write(os.path.join(root, f"f{i:02d}.txt"), body)
        write(os.path.join(root, "f17.png"), PNG)
        write(os.path.join(root, "f33.bin"), BINARY)
        return root

    def test_parallel_output_equals_sequential(self):
        root = self.make_batch()
        for mode in ([], ["--json"], ["--markdown"]):
            with self.subTest(mode=mode):
                seq = run(*mode, root)
                for jobs in ("2", "4", "16"):
                    par = run(*mode, "--jobs", jobs, root)
                    self.assertEqual(par[0], seq[0])
                    self.assertEqual(par[1], seq[1], f"--jobs {jobs} changed stdout")
                    self.assertEqual(par[2], seq[2], f"--jobs {jobs} changed stderr")
                self.assertEqual(seq[0], 1)
        _, out, _ = run("--json", "--jobs", "4", root)
        paths = [json.loads(line)["path"] for line in out.decode().splitlines()]
        self.assertEqual(paths, sorted(paths))
        self.assertEqual(len(paths), 62)

    def test_more_jobs_than_files(self):
        f = sample("travel-notes.txt")
        self.assertEqual(run("--jobs", "8", f, check_rc=0)[1], run(f, check_rc=0)[1])


# ---------------------------------------------------------------------------------------------
class Summary(Temp):
    def test_table_and_previews(self):
        d = self.path("d")
        write(os.path.join(d, "one.txt"), "Première ligne\n\n  second line indented\nthird\nfourth never shown\n")
        write(os.path.join(d, "two.txt"), "x" * 300 + "\n")
        rc, out, err = run("--summary", d, check_rc=0)
        text = out.decode()
        self.assertEqual(err, "")
        for word in ("file", "format", "bytes", "ms", "chars", "one.txt", "two.txt", "text", "2 files"):
            self.assertIn(word, text)
        self.assertIn("│ Première ligne", text)
        self.assertIn("│   second line indented", text)
        self.assertIn("│ third", text)
        self.assertNotIn("fourth", text)
        self.assertIn("…", text)  # the 300-column line is cut
        self.assertTrue(all(len(line) < 130 for line in text.splitlines()))
        row = next(line for line in text.splitlines() if "one.txt" in line and "text" in line)
        chars = len("Première ligne\n\n  second line indented\nthird\nfourth never shown")
        self.assertRegex(row, rf"\b{chars}\s*$")  # characters column
        self.assertRegex(row, r"\b\d+\.\d{3}\b")  # milliseconds
        self.assertNotIn("\x1b[", text)  # no colours when stdout is not a terminal

    def test_failures_in_the_table(self):
        d = self.path("d")
        write(os.path.join(d, "a.txt"), "fine\n")
        write(os.path.join(d, "b.png"), PNG)
        rc, out, err = run("--summary", d)
        self.assertEqual(rc, 1)
        self.assertEqual([m["code"] for m in error_lines(err)], ["UNSUPPORTED_FORMAT"])
        self.assertIn("UNSUPPORTED_FORMAT", out.decode())
        self.assertIn("1 failed", out.decode())

    def test_samples_run(self):
        # What `make run` does: every sample appears; text samples succeed whatever else is built.
        rc, out, err = run("--summary", ARGS.samples)
        text = out.decode()
        for name in sorted(os.listdir(ARGS.samples)):
            if not name.startswith("."):
                self.assertIn(name, text)
        self.assertIn("│ Travel notes — spring, by train", text)
        failed = {m["path"] for m in error_lines(err)}
        self.assertNotIn(sample("travel-notes.txt"), failed)
        self.assertNotIn(sample("travel-notes.utf16le.txt"), failed)
        self.assertEqual(rc, 1 if failed else 0)


# ---------------------------------------------------------------------------------------------
class Progress(Temp):
    def run_with_terminal_stderr(self, *args):
        """Runs with stderr on a pseudo-terminal and stdout in a file; returns (rc, stdout, stderr)."""
        master, slave = pty.openpty()
        with tempfile.TemporaryFile() as stdout:
            p = subprocess.Popen([ARGS.cli, *args], stdout=stdout, stderr=slave, stdin=subprocess.DEVNULL)
            os.close(slave)
            got = b""
            try:
                while True:
                    ready, _, _ = select.select([master], [], [], 60)
                    if not ready:
                        p.kill()
                        self.fail("quarry hung")
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:  # EIO: every writer of the terminal is gone
                        break
                    if not chunk:
                        break
                    got += chunk
            finally:
                os.close(master)
            rc = p.wait(60)
            stdout.seek(0)
            return rc, stdout.read(), got

    def test_bar_on_a_terminal(self):
        d = self.path("d")
        for i in range(5):
            write(os.path.join(d, f"{i}.txt"), f"file {i}\n")
        write(os.path.join(d, "9.png"), PNG)
        rc, out, err = self.run_with_terminal_stderr("--json", d)
        self.assertEqual(rc, 1)
        self.assertEqual(len(out.decode().splitlines()), 6)
        text = err.decode("utf-8", "replace")
        self.assertIn("files", text)
        self.assertRegex(text, r"\d+/6 files")
        self.assertIn("\r", text)
        # The last drawing of the bar is erased before the program ends.
        last_bar = text.rfind(" files")
        self.assertIn("\r\x1b[K", text[last_bar:], f"bar not cleared at the end: {text[-120:]!r}")
        # The error line starts a line of its own (the bar is erased first), whole.
        self.assertRegex(text, r"(^|\n|\r\x1b\[K)quarry: [^\r\n]*9\.png: UNSUPPORTED_FORMAT: [^\r\n]+\r?\n")
        # --no-progress: only the error line.
        rc, _, err = self.run_with_terminal_stderr("--no-progress", "--json", d)
        self.assertNotIn(b"files", err)
        self.assertIn(b"UNSUPPORTED_FORMAT", err)

    def test_no_bar_for_one_file_or_without_terminal(self):
        rc, _, err = self.run_with_terminal_stderr("--json", sample("travel-notes.txt"))
        self.assertEqual((rc, err), (0, b""))
        d = self.path("d")
        for i in range(3):
            write(os.path.join(d, f"{i}.txt"), "x\n")
        rc, _, err = run("--json", d)
        self.assertEqual((rc, err), (0, ""))


# ---------------------------------------------------------------------------------------------
class Detect(Temp):
    def test_mime_types(self):
        files = {
            write(self.path("notes.txt"), "just words\n"): "text/plain",
            write(self.path("page.html"), "<!DOCTYPE html><html><body><p>x</p></body></html>"): "text/html",
            write(self.path("data.json"), '{"a": [1, 2]}'): "application/json",
            write(self.path("doc.xml"), '<?xml version="1.0"?><root/>'): "application/xml",
            write(self.path("picture"), PNG): "image/png",
            write(self.path("paper.bin"), BROKEN_PDF): "application/pdf",
            write(self.path("unnamed.md"), "# Title\n\ntext\n"): "text/markdown",
            sample("travel-notes.utf16le.txt"): "text/plain",
        }
        rc, out, err = run("detect", *files, check_rc=0)
        self.assertEqual(err, "")
        lines = out.decode().splitlines()
        self.assertEqual(lines, [f"{p}: {m}" for p, m in files.items()])

    def test_directory_and_missing_file(self):
        write(self.path("d", "b.txt"), "b\n")
        write(self.path("d", "a.json"), "[1]")
        rc, out, err = run("detect", self.path("d"), self.path("nope"))
        self.assertEqual(rc, 1)
        self.assertEqual(out.decode().splitlines(),
                         [f"{self.path('d', 'a.json')}: application/json", f"{self.path('d', 'b.txt')}: text/plain"])
        self.assertEqual([(m["path"], m["code"]) for m in error_lines(err)], [(self.path("nope"), "IO_ERROR")])


# ---------------------------------------------------------------------------------------------
class Formats(unittest.TestCase):
    def formats(self):
        _, out, _ = run("formats", "--json", check_rc=0)
        return json.loads(out)

    def test_json(self):
        fmts = self.formats()
        names = [f["name"] for f in fmts]
        self.assertEqual(len(names), len(set(names)))
        for core in ("text", "html", "markdown", "csv", "json", "xml", "yaml", "toml"):
            self.assertIn(core, names)
        for f in fmts:
            self.assertEqual(set(f), {"name", "description", "mimeTypes", "extensions", "group"})
            self.assertTrue(f["description"] and f["mimeTypes"] and f["extensions"])
            self.assertTrue(all("/" in m for m in f["mimeTypes"]))
            self.assertTrue(all(not e.startswith(".") for e in f["extensions"]))
            self.assertIn(f["group"], ("core", "pdf", "office"))

    def test_text_and_markdown_list_the_same_formats(self):
        fmts = self.formats()
        _, text, _ = run("formats", check_rc=0)
        rows = text.decode().splitlines()
        self.assertTrue(rows[0].startswith("FORMAT"))
        self.assertEqual([r.split()[0] for r in rows[1:]], [f["name"] for f in fmts])
        _, md, _ = run("formats", "--markdown", check_rc=0)
        lines = md.decode().splitlines()
        self.assertEqual(lines[0], "| Format | Description | MIME types | Extensions |")
        self.assertEqual(lines[1], "|---|---|---|---|")
        self.assertEqual(len(lines), 2 + len(fmts))
        for line, f in zip(lines[2:], fmts):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            self.assertEqual(cells[0], f"`{f['name']}`")
            self.assertEqual(cells[1], f["description"])
            self.assertEqual(cells[2], ", ".join(f"`{m}`" for m in f["mimeTypes"]))
            self.assertEqual(cells[3], " ".join(f"`.{e}`" for e in f["extensions"]))

    def test_readme_table_matches_the_binary(self):
        readme = ARGS.readme
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"<!-- formats:begin -->\n(.*?)<!-- formats:end -->", text, re.S)
        self.assertIsNotNone(m, f"{readme} has no <!-- formats:begin --> ... <!-- formats:end --> block")
        _, md, _ = run("formats", "--markdown", check_rc=0)
        built, listed = md.decode().splitlines(), m.group(1).splitlines()
        if len(listed) > len(built) and all(row in listed for row in built):
            # A build without some format groups (e.g. -DQUARRY_WITH_PDF=OFF): the README describes
            # the full build, which only a full build can check.
            self.skipTest("this binary lacks formats the README lists (a partial build)")
        self.assertEqual(m.group(1), md.decode(),
                         "README.md's formats table differs from `quarry formats --markdown`: run scripts/update-readme")


# ---------------------------------------------------------------------------------------------
# The samples group: each sample with its own extractor. Words a user would expect in the text,
# and words that must not be there (markup, scripts, styles).
SAMPLES = {
    "article.html": ("text/html",
                     ["A winter of river temperatures", "Alder River", "calibrated probe thermometer",
                      "Heron on the weir", "Water (°C)", "essential", "Everything else is a story",
                      "walks@alder-river.example", "Maren Holt — 14 March 2024",
                      "A waterproof notebook & two pencils", "© 2024"],
                     ["<td>", "querySelector", "border-collapse", "&mdash;", "&amp;"]),
    "release-checklist.md": ("text/markdown",
                             ["Release checklist", "Before the freeze", "lanternd", "dark mode is finally done",
                              "git tag -s v3.9.0", "Announce it on the mailing list", "releases page"],
                             ["```", "](https://"]),
    "travel-notes.txt": ("text/plain", ["Zürich", "ありがとう", "🚲"], []),
    "travel-notes.utf16le.txt": ("text/plain", ["Zürich", "ありがとう", "🚲"], ["\r"]),
    "library-loans.csv": ("text/csv",
                          ["The Salt Road", "Okafor, Chidi", "Winter Birds of the North, 2nd ed.",
                           'Reader\'s note: "loved the ending"', "Léa Moreau", "2024-04-23"],
                          ['""loved']),
    "weather-station.json": ("application/json",
                             ["Alder Mill footbridge", "ALD-07", "water_temperature",
                              "Heavy rain overnight; debris caught on the weir.", "2024-03-16T08:00:00Z"],
                             []),
    "recipe.xml": ("application/xml",
                   ["Barley and Leek Soup", "pearl barley, rinsed", "salt, pepper & a bay leaf",
                    "Melt the butter", "Leftovers thicken overnight"],
                   ["<step", "CDATA", "&amp;"]),
    "backup-job.yaml": ("application/yaml",
                        ["nightly-backup", "Copies the shared drive to the off-site store every night",
                         "coordinator@alder-river.example", "restic forget"],
                        []),
    "site-config.toml": ("application/toml",
                         ["Alder River Volunteers", "Spring walks", "gruvbox-light",
                          "News from the river: field notes, walk dates"],
                         ['"""']),
}


class SampleFormats(unittest.TestCase):
    def test_every_sample_is_covered(self):
        names = {n for n in os.listdir(ARGS.samples) if not n.startswith(".") and n != "README.md"}
        self.assertEqual(names, set(SAMPLES), "a sample without expectations here (or the reverse)")

    def test_each_sample_extracts_with_its_format(self):
        for name, (mime, must, must_not) in SAMPLES.items():
            with self.subTest(sample=name):
                rc, out, err = run("--json", sample(name))
                self.assertEqual(rc, 0, err)
                doc = json.loads(out)
                self.assertEqual(doc["mimeType"], mime)
                for word in must:
                    self.assertIn(word, doc["content"])
                for word in must_not:
                    self.assertNotIn(word, doc["content"])

    def test_markdown_keeps_structure(self):
        _, out, _ = run("--markdown", sample("article.html"), check_rc=0)
        md = out.decode()
        self.assertRegex(md, r"(?m)^# A winter of river temperatures$")
        self.assertRegex(md, r"(?m)^\|.*Date.*\|.*Water \(°C\).*\|$")
        self.assertRegex(md, r"(?m)^[-*] A calibrated probe thermometer")
        _, out, _ = run("--markdown", sample("release-checklist.md"), check_rc=0)
        md = out.decode()
        self.assertIn("```", md)
        self.assertRegex(md, r"(?m)^## Versions$")

    def test_tables_are_reported(self):
        _, out, _ = run("--json", sample("article.html"), check_rc=0)
        tables = json.loads(out)["tables"]
        self.assertEqual(len(tables), 1)
        self.assertEqual(tables[0]["cells"][0], ["Date", "Air (°C)", "Water (°C)", "Notes"])
        self.assertEqual(len(tables[0]["cells"]), 7)

    def test_make_run_succeeds(self):
        rc, out, err = run("--summary", ARGS.samples)
        self.assertEqual(rc, 0, err)
        count = len([n for n in os.listdir(ARGS.samples) if not n.startswith(".")])
        self.assertIn(f"{count} files extracted", out.decode())


GROUPS = {
    "core": [CommandLine, DocumentOptions, TextOutput, Directories, Failures, Json, OutDir, Jobs, Summary, Progress, Detect, Formats],
    "samples": [SampleFormats],
}


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--samples", required=True)
    parser.add_argument("--readme", help="defaults to README.md beside the samples folder")
    parser.add_argument("--group", choices=sorted(GROUPS), action="append")
    parser.add_argument("-k", dest="patterns", action="append", help="only tests whose name contains this")
    ARGS = parser.parse_args()
    ARGS.cli = os.path.abspath(ARGS.cli)
    ARGS.samples = os.path.abspath(ARGS.samples)
    ARGS.readme = ARGS.readme or os.path.join(os.path.dirname(ARGS.samples), "README.md")
    loader = unittest.TestLoader()
    if ARGS.patterns:
        loader.testNamePatterns = [f"*{p}*" for p in ARGS.patterns]
    suite = unittest.TestSuite()
    for group in ARGS.group or sorted(GROUPS):
        for case in GROUPS[group]:
            suite.addTests(loader.loadTestsFromTestCase(case))
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
