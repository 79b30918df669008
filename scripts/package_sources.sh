# Sourced by scripts/install and scripts/lock, so that both look for packages in the same places.
# package_sources PYTHON: sets the array `sources` to uv's options for them: the wheel folders pip is
# configured with (PIP_FIND_LINKS, or pip's config file), where this machine keeps the CPU build of torch;
# without any, PyTorch's CPU package index (see README.md).
package_sources() {
  local links
  links="${PIP_FIND_LINKS:-$("$1" -m pip config get global.find-links 2>/dev/null || true)}"
  sources=()
  for folder in $links; do sources+=(--find-links "$folder"); done
  [ ${#sources[@]} -gt 0 ] || sources+=(--extra-index-url https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match)
}
