"""One process serving every simulator over HTTPS on loopback: uvicorn + Starlette, two listeners.

- the **mutual-TLS** listener requires a client certificate issued by the test CA (INSi, DMP: PROTOCOLS.md
  §2.1, §3.1); it is capped at TLS 1.2, as those services are, which also makes a refused certificate
  fail the handshake itself rather than the first read (TLS 1.3 checks the client after its handshake);
- the **server-TLS** listener serves the others, plus the control endpoint `/_control/faults`.

Both answer `GET /health`. Each simulator is mounted under its MOUNT on the listener of its TLS mode,
wrapped in the latency/fault middleware. `run_in_thread` serves tests and benchmarks in-process;
`run` is the blocking entry point of `lgc-sandbox`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import signal
import socket
import ssl
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from services.sandbox.body_limit import DEFAULT_MAX_REQUEST_BYTES, BodyLimitMiddleware
from services.sandbox.ca import TEST_STRUCTURE_ID, Pki, ensure_pki
from services.sandbox.connection import TlsAwareHttpProtocol, peer_certificate
from services.sandbox.context import SimulatorContext
from services.sandbox.faults import FaultKind, FaultMiddleware, FaultPlan, FaultSettings
from services.sandbox.manifest import MANIFEST_NAME, Manifest
from services.sandbox.registry import SIMULATOR_NAMES, Simulator, available_simulators

__all__ = ["RunningSandbox", "Sandbox", "SandboxError", "SandboxOptions", "peer_certificate", "run",
           "run_in_thread"]

log = logging.getLogger("lgc.sandbox")

CONTROL_PATH = "/_control/faults"
# Held "timeout" requests are released on stop; this only bounds a stuck simulator.
_GRACEFUL_SHUTDOWN_SECONDS = 3


class SandboxError(RuntimeError):
    """The sandbox cannot start (message in French, shown by `lgc-sandbox`)."""


@dataclass(frozen=True)
class SandboxOptions:
    state_dir: Path
    host: str = "127.0.0.1"
    port_mtls: int = 0
    port_tls: int = 0
    plan: FaultPlan = field(default_factory=FaultPlan)
    log_level: str = "warning"
    access_log: bool = False
    simulators: Sequence[str] = SIMULATOR_NAMES  # those whose package exists are served
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES  # larger bodies get 413 (body_limit.py)
    shared_dir: Path | None = field(default_factory=lambda: default_shared_dir())  # ../shared (CI-SIS examples)


class Sandbox:
    """Both listeners and their simulators, served by `serve()` on one asyncio loop."""

    def __init__(self, options: SandboxOptions) -> None:
        self.options = options
        self.host = _loopback_host(options.host)
        self.state_dir = options.state_dir
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.state_dir / MANIFEST_NAME
        self.pki: Pki = ensure_pki(self.state_dir)
        self.faults = FaultSettings(options.plan)
        self.simulators: list[Simulator] = available_simulators(options.simulators)
        self.manifest: Manifest | None = None
        self.published: dict[str, str] = {}  # URLs simulators add (SMTP listener of the mail sink)
        self._stopping = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def request_stop(self) -> None:
        """Ask `serve()` to shut down; callable from any thread or a signal handler."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stopping.set)

    async def serve(self, on_ready: Callable[[Manifest], None] | None = None) -> None:
        """Listen until `request_stop()`; the manifest exists exactly while both listeners accept."""
        self._loop = asyncio.get_running_loop()
        mtls_socket = _bind(self.host, self.options.port_mtls)
        try:
            tls_socket = _bind(self.host, self.options.port_tls)
        except SandboxError:
            mtls_socket.close()
            raise
        servers = [self._uvicorn(mutual=True), self._uvicorn(mutual=False)]
        tasks = [asyncio.create_task(server.serve(sockets=[sock]))
                 for server, sock in zip(servers, (mtls_socket, tls_socket), strict=True)]
        try:
            await _wait_started(servers, tasks)
            self.manifest = self._manifest(mtls_socket, tls_socket)
            self.manifest.write(self.manifest_path)
            if on_ready is not None:
                on_ready(self.manifest)
            stop = asyncio.create_task(self._stopping.wait())
            await asyncio.wait([*tasks, stop], return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
        finally:
            if self.manifest is not None:  # never remove the manifest of another sandbox
                self.manifest_path.unlink(missing_ok=True)
            self._stopping.set()  # releases held "timeout" requests
            for server in servers:
                server.should_exit = True
            results = await asyncio.gather(*tasks, return_exceptions=True)
            for sock in (mtls_socket, tls_socket):
                sock.close()
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise failures[0]

    def _uvicorn(self, *, mutual: bool) -> uvicorn.Server:
        context = _server_ssl_context(self.pki, mutual=mutual)
        config = uvicorn.Config(self._listener_app(mutual=mutual), http=TlsAwareHttpProtocol, ws="none",
                                lifespan="off", log_config=None, log_level=self.options.log_level,
                                access_log=self.options.access_log, proxy_headers=False,
                                timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_SECONDS,
                                ssl_context_factory=lambda _config, _default: context)
        return _SignalFreeServer(config)

    def _listener_app(self, *, mutual: bool) -> ASGIApp:
        routes = [Route("/health", self._health)]
        if not mutual:
            routes.append(Route(CONTROL_PATH, self._control, methods=["GET", "PUT"]))
        mounts = {}
        for simulator in self.simulators:
            if simulator.mutual_tls is mutual:
                data_dir = self.state_dir / "data" / simulator.name
                data_dir.mkdir(parents=True, exist_ok=True)
                context = SimulatorContext(data_dir=data_dir, pki=self.pki, faults=self.faults,
                                           published=self.published, shared_dir=self.options.shared_dir)
                app = simulator.create_app(context)
                mounts[simulator.mount] = FaultMiddleware(app, self.faults, self._stopping)
        return BodyLimitMiddleware(_PrefixDispatcher(mounts, Starlette(routes=routes)), self.options.max_request_bytes)

    def _manifest(self, mtls_socket: socket.socket, tls_socket: socket.socket) -> Manifest:
        base_mtls = _base_url(self.host, mtls_socket)
        base_tls = _base_url(self.host, tls_socket)
        urls = {"health": base_tls + "/health", "control": base_tls + CONTROL_PATH}
        for simulator in self.simulators:
            urls[simulator.name] = (base_mtls if simulator.mutual_tls else base_tls) + simulator.mount
        urls.update(self.published)
        pki = self.pki
        return Manifest(pid=os.getpid(), ca_file=pki.ca_cert, cps_cert=pki.cps_cert, cps_key=pki.cps_key,
                        cps_pkcs12=pki.cps_pkcs12, structure_cert=pki.structure_cert,
                        structure_key=pki.structure_key,
                        structure_sign_cert=pki.structure_sign_cert, structure_sign_key=pki.structure_sign_key,
                        unknown_client_cert=pki.unknown_client_cert,
                        unknown_client_key=pki.unknown_client_key,
                        base_mtls=base_mtls, base_tls=base_tls, urls=urls, structure_id=TEST_STRUCTURE_ID)

    async def _health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "simulators": [s.name for s in self.simulators],
                             "latency": self.faults.latency})

    async def _control(self, request: Request) -> Response:
        if request.method == "PUT":
            try:
                plan = FaultPlan.from_json(json.loads(await request.body()))
            except ValueError as exc:  # JSONDecodeError is a ValueError
                return JSONResponse({"error": str(exc)}, status_code=400)
            self.faults.replace(plan)
            log.info("faults set to %s", plan.to_json())
        return JSONResponse(self.faults.plan.to_json())


class _PrefixDispatcher:
    """Routes `MOUNT` and `MOUNT/...` to a simulator, the rest to the listener's own routes.

    Unlike Starlette's Mount, the bare prefix is served (as `MOUNT/`) instead of redirected: SOAP
    endpoints such as `…/lps` are POSTed to without a trailing slash, and a 307 would break them.
    """

    def __init__(self, mounts: Mapping[str, ASGIApp], fallback: ASGIApp) -> None:
        self.mounts = dict(mounts)
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            path: str = scope["path"]
            for prefix, app in self.mounts.items():
                if path == prefix or path.startswith(prefix + "/"):
                    child = {**scope, "root_path": scope.get("root_path", "") + prefix}
                    if path == prefix:
                        child["path"] = prefix + "/"
                        child["raw_path"] = scope.get("raw_path", prefix.encode()) + b"/"
                    await app(child, receive, send)
                    return
        await self.fallback(scope, receive, send)


class _SignalFreeServer(uvicorn.Server):
    """Two servers share one process: signals are handled once, by `run`, not by each server."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _server_ssl_context(pki: Pki, *, mutual: bool) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(pki.server_cert, pki.server_key)
    if mutual:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=pki.ca_cert)
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def default_shared_dir() -> Path | None:
    """`LGC_SHARED`, else the `shared` folder beside the project checkout, else None."""
    configured = os.environ.get("LGC_SHARED")
    if configured:
        return Path(configured)
    beside = Path(__file__).resolve().parents[3] / "shared"
    return beside if beside.is_dir() else None


def _loopback_host(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise SandboxError(f"adresse « {host} » refusée : la sandbox n'écoute que sur la boucle locale "
                           "(127.0.0.1, ::1)")
    return host


def _bind(host: str, port: int) -> socket.socket:
    # proto=IPPROTO_TCP (socket.create_server leaves 0): only then does asyncio set TCP_NODELAY on the
    # accepted connections; without it Nagle + delayed ACK add ~40 ms to every keep-alive request.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name != "nt":  # on Windows SO_REUSEADDR would allow stealing a port in use
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen()
    except OSError as exc:
        sock.close()
        raise SandboxError(f"impossible d'écouter sur {host}:{port} : {exc.strerror or exc}") from None
    return sock


def _base_url(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    return f"https://[{host}]:{port}" if ":" in host else f"https://{host}:{port}"


async def _wait_started(servers: Sequence[uvicorn.Server], tasks: Sequence[asyncio.Task[None]]) -> None:
    while not all(server.started for server in servers):
        for task in tasks:
            if task.done():
                task.result()
                raise SandboxError("un serveur de la sandbox s'est arrêté pendant son démarrage")
        await asyncio.sleep(0.01)


def _serve(sandbox: Sandbox, on_ready: Callable[[Manifest], None] | None) -> None:
    """Run `sandbox.serve` on a new event loop: uvloop's where it exists (not on Windows), whose loop and TLS
    layer are compiled code where asyncio's are largely Python."""
    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        runner.run(sandbox.serve(on_ready))


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(options: SandboxOptions, on_ready: Callable[[Manifest], None] | None = None) -> None:
    """Serve until SIGINT/SIGTERM (blocking; main thread)."""
    sandbox = Sandbox(options)

    def stop(_signum: int, _frame: Any) -> None:
        sandbox.request_stop()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        _serve(sandbox, on_ready)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class RunningSandbox:
    """A sandbox served by a daemon thread of this process (tests, benchmarks)."""

    def __init__(self, sandbox: Sandbox, thread: threading.Thread, manifest: Manifest) -> None:
        self._sandbox = sandbox
        self._thread = thread
        self.manifest = manifest
        self.manifest_path = sandbox.manifest_path
        self.pki = sandbox.pki
        self.faults = sandbox.faults

    def set_faults(self, *, latency: float = 0.0, rates: Mapping[FaultKind | str, float] | None = None,
                   fail_next: Sequence[FaultKind | str] = (), seed: int | None = None) -> None:
        """Replace the whole fault plan (no argument = no latency, no faults)."""
        self.faults.replace(FaultPlan(latency=latency, rates=dict(rates or {}),  # type: ignore[arg-type]
                                      fail_next=tuple(fail_next), seed=seed))  # type: ignore[arg-type]

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and wait for the thread (idempotent)."""
        if not self._thread.is_alive():
            return
        self._sandbox.request_stop()
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise SandboxError(f"la sandbox ne s'est pas arrêtée en {timeout} s")

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def run_in_thread(state_dir: Path, *, latency: float = 0.0,
                  faults: Mapping[FaultKind | str, float] | None = None, seed: int | None = None,
                  host: str = "127.0.0.1", port_mtls: int = 0, port_tls: int = 0,
                  log_level: str = "warning", simulators: Sequence[str] = SIMULATOR_NAMES,
                  startup_timeout: float = 30.0,
                  max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
                  shared_dir: Path | None = None) -> RunningSandbox:
    """Start a sandbox in a daemon thread and return once both listeners accept connections."""
    plan = FaultPlan(latency=latency, rates=dict(faults or {}), seed=seed)  # type: ignore[arg-type]
    sandbox = Sandbox(SandboxOptions(state_dir=Path(state_dir), host=host, port_mtls=port_mtls,
                                     port_tls=port_tls, plan=plan, log_level=log_level,
                                     simulators=simulators, max_request_bytes=max_request_bytes,
                                     shared_dir=shared_dir or default_shared_dir()))
    ready = threading.Event()
    outcome: dict[str, Any] = {}

    def on_ready(manifest: Manifest) -> None:
        outcome["manifest"] = manifest
        ready.set()

    def target() -> None:
        try:
            _serve(sandbox, on_ready)
        except BaseException as exc:
            outcome["error"] = exc
            ready.set()

    thread = threading.Thread(target=target, name="lgc-sandbox", daemon=True)
    thread.start()
    if not ready.wait(startup_timeout):
        sandbox.request_stop()
        raise SandboxError(f"la sandbox n'a pas démarré en {startup_timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return RunningSandbox(sandbox, thread, outcome["manifest"])
