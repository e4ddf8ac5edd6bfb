"""auditor: audit Amazon seller accounts and listings against declarative rule packs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("amazon-seller-auditor")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+checkout"

__all__ = ["__version__", "audit"]


def __getattr__(name: str) -> object:
    # `from auditor import audit` without importing pandas for `auditor --version`.
    if name == "audit":
        from auditor.api import audit

        return audit
    raise AttributeError(name)
