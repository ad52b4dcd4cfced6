"""Where the warehouse lives: a local folder (a `Path`, the fast path) or an fsspec object store URI.

`warehouse_path("s3://bucket/prefix")` gives an `ObjectPath`: the few pathlib methods the stages use
(`/`, `name`, `stem`, `parent`, `exists`, `glob`, `rglob`, `read_text`, `write_text`, `unlink`),
backed by the fsspec filesystem for the URI's scheme. Anything else stays a `Path`.

Publishing on object storage: a file is written to a local temporary file and then uploaded under its
final key. An S3 PUT (or a completed multipart upload) is atomic, so readers see the whole old object
or the whole new one, never a partial one; temp-then-rename is the local path only.

Credentials are never taken from the URI (one with `user:secret@` is refused) nor passed around:
the filesystem is built from the scheme alone, so the client reads them from the environment
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, ...) or fsspec's own configuration
(FSSPEC_S3_* variables, ~/.config/fsspec). An `ObjectPath` pickles as its URI only.

Local state for a remote warehouse (the build's temporary database, query copies of `sitrep.duckdb`
keyed by ETag, and the run lock for schemes other than s3://, whose lock is a lease object in the
bucket: transforms/io/lock.py) lives in `SITREP_CACHE_DIR` (default `~/.cache/sitrep`), one folder
per URI.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator, Union
from urllib.parse import urlsplit

__all__ = ["ObjectPath", "WarehousePath", "warehouse_path", "is_remote", "local_dir", "upload_on_success",
           "replace", "dataset", "local_copy", "publish_database", "register", "absolute_reads"]

_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://")


class ObjectPath:
    """A key (or key prefix) on an fsspec filesystem, addressed by URI: `s3://bucket/prefix/...`."""

    def __init__(self, uri: str) -> None:
        parts = urlsplit(uri)
        if "@" in parts.netloc:
            raise ValueError("credentials in a warehouse URI are refused; set them in the environment")
        self.protocol = parts.scheme
        self.path = (parts.netloc + parts.path).rstrip("/")  # the fsspec path: bucket/key
        self.uri = f"{self.protocol}://{self.path}"

    # -- the fsspec filesystem, built from the scheme only (credentials come from the environment)
    @property
    def fs(self):
        import fsspec

        # No listings cache: another process (or machine) may have written since the last listing.
        return fsspec.filesystem(self.protocol, use_listings_cache=False)

    # -- pure path operations
    def __truediv__(self, other: str | os.PathLike) -> "ObjectPath":
        return ObjectPath(f"{self.uri}/{PurePosixPath(other)}")

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix

    @property
    def parent(self) -> "ObjectPath":
        return ObjectPath(f"{self.protocol}://{PurePosixPath(self.path).parent}")

    def resolve(self) -> "ObjectPath":
        return self

    def relative_to(self, other: "ObjectPath") -> PurePosixPath:
        return PurePosixPath(self.path).relative_to(other.path)

    def __str__(self) -> str:
        return self.uri

    def __repr__(self) -> str:
        return f"ObjectPath({self.uri!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ObjectPath) and other.uri == self.uri

    def __lt__(self, other: "ObjectPath") -> bool:
        return self.uri < other.uri

    def __hash__(self) -> int:
        return hash(self.uri)

    def __reduce__(self):
        return ObjectPath, (self.uri,)

    # -- filesystem operations
    def exists(self) -> bool:
        return self.fs.exists(self.path)

    def stat(self) -> os.stat_result:
        """Size only (st_size); the other fields are zero."""
        return os.stat_result((0, 0, 0, 0, 0, 0, int(self.fs.size(self.path)), 0, 0, 0))

    def is_file(self) -> bool:
        return self.fs.isfile(self.path)

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        """Object stores have no folders: a key's prefix exists once an object is under it."""

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            self.fs.rm_file(self.path)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(self.path)

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def write_bytes(self, data: bytes) -> int:
        """One PUT under the final key: atomic on S3."""
        self.fs.pipe_file(self.path, data)
        return len(data)

    def write_text(self, text: str, encoding: str = "utf-8") -> int:
        return self.write_bytes(text.encode(encoding))

    def glob(self, pattern: str) -> Iterator["ObjectPath"]:
        """Direct children whose name matches (no recursion)."""
        if not self.exists():
            return iter(())
        names = sorted(e["name"] for e in self.fs.ls(self.path, detail=True) if e.get("type") == "file")
        return iter([ObjectPath(f"{self.protocol}://{n}") for n in names if fnmatch.fnmatch(PurePosixPath(n).name, pattern)])

    def rglob(self, pattern: str) -> Iterator["ObjectPath"]:
        """Objects anywhere under this prefix whose name matches."""
        names = sorted(self.fs.find(self.path)) if self.path else []
        return iter([ObjectPath(f"{self.protocol}://{n}") for n in names if fnmatch.fnmatch(PurePosixPath(n).name, pattern)])


WarehousePath = Union[Path, ObjectPath]


def warehouse_path(value: str | os.PathLike | ObjectPath) -> WarehousePath:
    """`s3://bucket/prefix` (any fsspec scheme but file) -> ObjectPath; `file://...` or a folder -> Path."""
    if isinstance(value, (Path, ObjectPath)):
        return value
    text = os.fspath(value)
    match = _SCHEME.match(text)
    if not match:
        return Path(text)
    if match.group("scheme").lower() == "file":
        return Path(text[len(match.group(0)):])
    return ObjectPath(text)


def is_remote(path: object) -> bool:
    return isinstance(path, ObjectPath)


def local_dir(root: ObjectPath) -> Path:
    """This machine's folder for a remote warehouse: lock, build temp files, cached database copies."""
    base = Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")
    folder = base / hashlib.sha256(root.uri.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "warehouse.txt").write_text(root.uri + "\n", encoding="utf-8")
    return folder


@contextmanager
def upload_on_success(target: ObjectPath) -> Iterator[Path]:
    """Yield a local temporary file to write; if the block succeeds, upload it under `target`'s key."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    os.close(fd)
    local = Path(name)
    try:
        yield local
        target.fs.put_file(str(local), target.path)
    finally:
        local.unlink(missing_ok=True)


def replace(source: WarehousePath, target: WarehousePath) -> None:
    """Move a file: os.replace locally, a server-side copy and delete on an object store."""
    if is_remote(source):
        source.fs.mv(source.path, target.path)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def dataset(path: WarehousePath, **kwargs):
    """A pyarrow dataset over a local folder or an object-store prefix."""
    import pyarrow.dataset as ds

    if is_remote(path):
        import fsspec

        # A private instance whose listings cache lives as long as this dataset: discovery lists once,
        # and each file's size comes from that listing instead of one HEAD request per read.
        fs = fsspec.filesystem(path.protocol, skip_instance_cache=True)
        return ds.dataset(path.path, filesystem=fs, **kwargs)
    return ds.dataset(path, **kwargs)


def _cached(db: ObjectPath, etag: str) -> Path:
    return local_dir(db.parent) / "query" / (re.sub(r"[^A-Za-z0-9]", "", etag) + ".duckdb")


def local_copy(db: WarehousePath) -> Path:
    """A local file to open: the path itself, or a copy of the object cached by its ETag."""
    if not is_remote(db):
        return db
    etag = str(db.fs.info(db.path).get("ETag") or "")  # FileNotFoundError when missing
    cached = _cached(db, etag)
    if etag and cached.exists():
        return cached
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    try:
        db.fs.get_file(db.path, str(tmp))
        os.replace(tmp, cached)
        _drop_other_copies(cached)
    finally:
        tmp.unlink(missing_ok=True)
    return cached


def publish_database(local: Path, target: ObjectPath) -> None:
    """Upload a built database under its final key, then keep it as the cached copy for queries."""
    target.fs.put_file(str(local), target.path)
    etag = str(target.fs.info(target.path).get("ETag") or "")
    cached = _cached(target, etag)
    cached.parent.mkdir(parents=True, exist_ok=True)
    if etag:
        os.replace(local, cached)
        _drop_other_copies(cached)
    else:
        local.unlink(missing_ok=True)


def _drop_other_copies(keep: Path) -> None:
    """Older cached versions of the database (a reader that has one open keeps reading it)."""
    for old in keep.parent.glob("*.duckdb"):
        if old != keep:
            old.unlink(missing_ok=True)


def register(con, root: ObjectPath) -> None:
    """Let DuckDB read `root`'s scheme through fsspec (no httpfs: extensions cannot be downloaded)."""
    import fsspec

    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    # A private instance with a listings cache: the build only reads the layers, and does it many times.
    con.register_filesystem(fsspec.filesystem(root.protocol, skip_instance_cache=True))


_RELATIVE_READ = re.compile(r"(\bread_\w+\(\s*')(?![a-zA-Z][a-zA-Z0-9+.-]*://|/)")


def absolute_reads(sql: str, root: ObjectPath) -> str:
    """Prefix relative paths in read_*('...') with the warehouse URI: DuckDB's file_search_path does
    not apply to globs on a registered fsspec filesystem."""
    return _RELATIVE_READ.sub(lambda m: m.group(1) + root.uri + "/", sql)
