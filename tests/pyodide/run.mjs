// Runs a Python script inside Pyodide (the WebAssembly Python of xlwings Lite) under Node.
// Usage: node run.mjs PYODIDE_DIR HOST_DIR SCRIPT.py
// HOST_DIR is mounted at /host; /host/site is put first on sys.path. Whatever the
// script prints to stdout comes back on stdout; a Python exception exits 1.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, hostDir, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
pyodide.FS.mkdirTree("/host");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: hostDir }, "/host");
pyodide.runPython("import sys; sys.path.insert(0, '/host/site')");
try {
  await pyodide.runPythonAsync(pyodide.FS.readFile(path.posix.join("/host", script), { encoding: "utf8" }));
} catch (err) {
  console.error(String(err));
  process.exit(1);
}
