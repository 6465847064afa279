//! A fixed number of worker threads taking connections from a bounded queue.
//!
//! The preview used to start a thread per connection: a crowd of connections (or one client
//! opening them in a loop) meant as many threads. Now `workers` threads answer, at most `queue`
//! connections wait for one, and a connection beyond those is handed back to the caller (which
//! answers 503 at once). A panic while answering one request ends that request, not the worker.

use std::net::TcpStream;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

/// The workers and their queue.
pub(crate) struct Pool {
    queue: SyncSender<TcpStream>,
}

impl Pool {
    /// Starts `workers` threads, each answering connections with `handle`.
    pub(crate) fn new(
        workers: usize,
        queue: usize,
        handle: Arc<dyn Fn(TcpStream) + Send + Sync>,
    ) -> std::io::Result<Pool> {
        let (tx, rx) = sync_channel::<TcpStream>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers.max(1) {
            let rx = Arc::clone(&rx);
            let handle = Arc::clone(&handle);
            std::thread::Builder::new()
                .name(format!("serve-{i}"))
                .spawn(move || work(&rx, &*handle))?;
        }
        Ok(Pool { queue: tx })
    }

    /// Queues a connection; gives it back when every worker is busy and the queue is full.
    pub(crate) fn offer(&self, stream: TcpStream) -> Result<(), TcpStream> {
        match self.queue.try_send(stream) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(s) | TrySendError::Disconnected(s)) => Err(s),
        }
    }
}

fn work(rx: &Mutex<Receiver<TcpStream>>, handle: &(dyn Fn(TcpStream) + Send + Sync)) {
    loop {
        // The lock is held only while waiting for the next connection, never while answering.
        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(stream) = next else {
            return;
        };
        let _ = catch_unwind(AssertUnwindSafe(|| handle(stream)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn connections_beyond_workers_and_queue_are_handed_back() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (started_tx, started) = mpsc::channel();
        let (release_tx, release) = mpsc::channel::<()>();
        let release = Mutex::new(release);
        let handle: Arc<dyn Fn(TcpStream) + Send + Sync> = Arc::new(move |_s| {
            started_tx.send(()).unwrap();
            let _ = release.lock().unwrap().recv_timeout(Duration::from_secs(10));
        });
        let pool = Pool::new(2, 3, handle).unwrap();
        let _clients: Vec<TcpStream> = (0..7).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let mut accepted = (0..7).map(|_| listener.accept().unwrap().0);
        for s in accepted.by_ref().take(2) {
            assert!(pool.offer(s).is_ok());
        }
        // Both workers are busy before the queue fills.
        for _ in 0..2 {
            started.recv_timeout(Duration::from_secs(10)).unwrap();
        }
        for s in accepted.by_ref().take(3) {
            assert!(pool.offer(s).is_ok(), "the queue holds three");
        }
        assert!(pool.offer(accepted.next().unwrap()).is_err(), "a sixth is handed back");
        release_tx.send(()).unwrap();
        started.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(pool.offer(accepted.next().unwrap()).is_ok(), "a freed place is taken");
        for _ in 0..4 {
            let _ = release_tx.send(());
        }
    }

    #[test]
    fn a_panic_ends_the_request_not_the_worker() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (done_tx, done) = mpsc::channel();
        let done_tx = Mutex::new(done_tx);
        let calls = Mutex::new(0);
        let handle: Arc<dyn Fn(TcpStream) + Send + Sync> = Arc::new(move |_s| {
            let mut n = calls.lock().unwrap();
            *n += 1;
            let first = *n == 1;
            drop(n);
            done_tx.lock().unwrap().send(()).unwrap();
            if first {
                panic!("the first request fails");
            }
        });
        let pool = Pool::new(1, 1, handle).unwrap();
        for _ in 0..2 {
            let _c = TcpStream::connect(addr).unwrap();
            pool.offer(listener.accept().unwrap().0).unwrap();
            done.recv_timeout(Duration::from_secs(10)).expect("the one worker still answers");
        }
    }
}
