"""A TCP proxy on 127.0.0.1 (an ephemeral port) in front of a real server, to stage its outage.

    proxy = TcpProxy(("127.0.0.1", 6379)).start()
    url = f"redis://127.0.0.1:{proxy.port}/6"
    proxy.outage()          # cut every connection; new ones are closed at once (refused)
    proxy.outage(hang=True) # or: new connections are accepted and then never answered
    proxy.resume()          # forward again
    proxy.stop()

A thread accepts; each connection gets a thread per direction copying bytes. An outage closes
every open connection, as a Redis restart or a network cut does to the clients' pools.
"""

import socket
import threading
from contextlib import suppress


class TcpProxy:
    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._mode = "forward"  # "forward", "refuse" or "hang"
        self._stopped = threading.Event()
        self.accepted = 0  # connections accepted while forwarding

    def start(self) -> "TcpProxy":
        threading.Thread(target=self._accept, name="tcp-proxy", daemon=True).start()
        return self

    def outage(self, *, hang: bool = False) -> None:
        with self._lock:
            self._mode = "hang" if hang else "refuse"
            self._close_all()

    def resume(self) -> None:
        with self._lock:
            self._close_all()  # connections held during a hang were never forwarded
            self._mode = "forward"

    def stop(self) -> None:
        self._stopped.set()
        with suppress(OSError):
            self._listener.close()
        with self._lock:
            self._close_all()

    def _close_all(self) -> None:
        for sock in self._open:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with suppress(OSError):
                sock.close()
        self._open.clear()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            with self._lock:
                mode = self._mode
                if mode == "refuse":
                    client.close()
                    continue
                self._open.add(client)
                if mode == "hang":
                    continue  # held open, never read from or answered
                self.accepted += 1
            try:
                upstream = socket.create_connection(self.target, timeout=2)
            except OSError:
                with self._lock:
                    self._open.discard(client)
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.add(upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
