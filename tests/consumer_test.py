#!/usr/bin/env python3
"""Installs Quarry into a temporary prefix and builds tests/consumer against it twice: with CMake
(find_package(quarry) -> quarry::quarry) and with pkg-config (quarry.pc). Both programs must run
and print "consumer ok". Proves the installed headers, library, CMake package and .pc file work.

Usage: consumer_test.py --cmake CMAKE --build-dir QUARRY_BUILD --source tests/consumer --cxx CXX
                        [--flags "FLAGS"]   (compile+link flags, e.g. the sanitizer's)
"""
import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


def sh(cmd, env=None, cwd=None):
    print("+", " ".join(shlex.quote(c) for c in cmd), flush=True)
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        raise SystemExit(f"FAILED (exit {p.returncode}): {' '.join(cmd)}")
    return p.stdout


def expect_ok(output, how):
    if "consumer ok" not in output:
        raise SystemExit(f"FAILED: the {how} consumer did not report success: {output!r}")
    print(f"{how}: {output.strip()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--flags", default="")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="quarry-consumer-")
    try:
        prefix = os.path.join(tmp, "prefix")
        sh([a.cmake, "--install", a.build_dir, "--prefix", prefix])
        headers = os.path.join(prefix, "include", "quarry", "quarry.hpp")
        if not os.path.isfile(headers):
            raise SystemExit(f"FAILED: {headers} was not installed")

        # 1. CMake package.
        build = os.path.join(tmp, "cmake-build")
        configure = [a.cmake, "-S", a.source, "-B", build, f"-DCMAKE_PREFIX_PATH={prefix}",
                     f"-DCMAKE_CXX_COMPILER={a.cxx}", "-DCMAKE_BUILD_TYPE=Release",
                     # Only the fresh prefix may satisfy find_package (not a system-wide install).
                     "-DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF", "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"]
        if a.flags:
            configure += [f"-DCMAKE_CXX_FLAGS={a.flags}", f"-DCMAKE_EXE_LINKER_FLAGS={a.flags}"]
        log = sh(configure)
        if f"from {prefix}" not in log:
            raise SystemExit(f"FAILED: find_package(quarry) did not use the temporary prefix:\n{log}")
        sh([a.cmake, "--build", build])
        exe = os.path.join(build, "consumer")
        expect_ok(sh([exe]), "CMake")

        # 2. pkg-config, with the search path limited to the fresh prefix.
        pkgconfig = shutil.which("pkg-config") or shutil.which("pkgconf")
        if not pkgconfig:
            raise SystemExit("FAILED: pkg-config is not installed (scripts/bootstrap installs it)")
        pcs = glob.glob(os.path.join(prefix, "**", "quarry.pc"), recursive=True)
        if len(pcs) != 1:
            raise SystemExit(f"FAILED: expected one installed quarry.pc, found {pcs}")
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pcs[0]), PKG_CONFIG_LIBDIR=os.path.dirname(pcs[0]))
        version = sh([pkgconfig, "--modversion", "quarry"], env=env).strip()
        flags = shlex.split(sh([pkgconfig, "--cflags", "--libs", "quarry"], env=env))
        include_dirs = [f[2:] for f in flags if f.startswith("-I")]
        if not include_dirs or not all(os.path.realpath(d).startswith(os.path.realpath(prefix)) for d in include_dirs):
            raise SystemExit(f"FAILED: quarry.pc does not point into the prefix it was installed to: {flags}")
        exe2 = os.path.join(tmp, "pc-consumer")
        sh([a.cxx, "-std=c++20", *shlex.split(a.flags), f'-DEXPECTED_VERSION="{version}"',
            os.path.join(a.source, "main.cpp"), "-o", exe2, *flags])
        expect_ok(sh([exe2]), "pkg-config")
        print("consumer test passed")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
