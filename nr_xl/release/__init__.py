"""The release: wheel, sdist and the Windows / macOS bundles (python -m nr_xl.release)."""
