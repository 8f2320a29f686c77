/*!
One run per output folder. Two runs writing one folder at once interleave their rows and leave
files that no single run wrote, so a run (or a merge) holds an exclusive lock on
`DIR/.ogi/lock.json` for as long as it writes there, and a second one is refused at once with the
holder's process id, host and command. The lock is the operating system's (`flock` on Unix), so
it dies with its process: a run killed by `kill -9` never leaves a folder locked. The file's
content only names the holder for that message; an empty or stale file means nothing.
*/

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Another run holds the folder.
#[derive(Debug, thiserror::Error)]
#[error(
    "{dir}: in use by another ogi run ({holder}); wait for it to finish or choose another --out"
)]
pub struct Busy {
    pub dir: String,
    pub holder: String,
}

/// Why a folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error("cannot lock {0}: {1}")]
    Io(String, std::io::Error),
}

/// Who holds a folder, as written in the lock file.
#[derive(Debug, Serialize, Deserialize)]
struct Holder {
    pid: u32,
    host: String,
    command: String,
    /// Seconds since the Unix epoch.
    started: u64,
}

/// A lock on an output folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    file: File,
    /// Held by the one run writing the folder (else shared by runs reading it).
    exclusive: bool,
}

/// The lock file of an output folder.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(".ogi").join("lock.json")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

/// The holder as the refused run reports it: `pid 123 on host, running for 5 s: ogi extract …`.
fn describe(content: &str) -> String {
    match serde_json::from_str::<Holder>(content) {
        Ok(h) => {
            let mut s = format!("pid {}", h.pid);
            if !h.host.is_empty() {
                s.push_str(&format!(" on {}", h.host));
            }
            s.push_str(&format!(
                ", running for {} s: {}",
                now().saturating_sub(h.started),
                h.command
            ));
            s
        }
        // Between another run's taking the lock and its writing its name.
        Err(_) => "a run that has just started".to_string(),
    }
}

impl FolderLock {
    /// Takes the folder's lock (creating `DIR/.ogi/`), or fails at once if another run holds it.
    pub fn acquire(dir: &Path) -> Result<FolderLock, LockError> {
        let path = lock_path(dir);
        let io = |e: std::io::Error| LockError::Io(path.display().to_string(), e);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut content = String::new();
                // The holder's name is a courtesy: an unreadable file still refuses the run.
                let _ = file.read_to_string(&mut content);
                return Err(Busy {
                    dir: dir.display().to_string(),
                    holder: describe(&content),
                }
                .into());
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let holder = Holder {
            pid: std::process::id(),
            host: host(),
            command: std::env::args().collect::<Vec<_>>().join(" "),
            started: now(),
        };
        let text = serde_json::to_string(&holder).unwrap_or_default();
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.write_all(b"\n").map_err(io)?;
        Ok(FolderLock {
            file,
            exclusive: true,
        })
    }

    /// A shared lock on a folder that is read (a shard being merged), so that no run writes it
    /// meanwhile; fails at once if one is writing it. `None` for a folder no run ever locked
    /// (nothing to hold, and a read-only folder stays untouched).
    pub fn shared(dir: &Path) -> Result<Option<FolderLock>, LockError> {
        let path = lock_path(dir);
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(LockError::Io(path.display().to_string(), e)),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(FolderLock {
                file,
                exclusive: false,
            })),
            Err(TryLockError::WouldBlock) => {
                let mut content = String::new();
                let _ = file.read_to_string(&mut content);
                Err(Busy {
                    dir: dir.display().to_string(),
                    holder: describe(&content),
                }
                .into())
            }
            Err(TryLockError::Error(e)) => Err(LockError::Io(path.display().to_string(), e)),
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Emptied before release, so that the file never names a run that has finished; the
        // lock itself is released by closing the file.
        if self.exclusive {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_naming_the_holder_and_freed_on_drop() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let first = FolderLock::acquire(tmp.path()).expect("first lock");
        // flock locks belong to the open file, so a second open in this process conflicts too.
        match FolderLock::acquire(tmp.path()) {
            Err(LockError::Busy(b)) => {
                assert!(
                    b.holder.contains(&format!("pid {}", std::process::id())),
                    "{b}"
                );
                assert!(b.to_string().contains("in use by another ogi run"), "{b}");
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        assert_eq!(
            std::fs::read_to_string(lock_path(tmp.path())).expect("lock file"),
            ""
        );
        FolderLock::acquire(tmp.path()).expect("free again");
    }

    #[test]
    fn a_folder_being_read_cannot_be_written_and_the_reverse() {
        let tmp = tempfile::tempdir().expect("tempdir");
        assert!(FolderLock::shared(tmp.path())
            .expect("no lock file")
            .is_none());
        let writer = FolderLock::acquire(tmp.path()).expect("lock");
        assert!(matches!(
            FolderLock::shared(tmp.path()),
            Err(LockError::Busy(_))
        ));
        drop(writer);
        let a = FolderLock::shared(tmp.path())
            .expect("shared")
            .expect("held");
        let b = FolderLock::shared(tmp.path())
            .expect("shared")
            .expect("held");
        assert!(matches!(
            FolderLock::acquire(tmp.path()),
            Err(LockError::Busy(_))
        ));
        drop((a, b));
        FolderLock::acquire(tmp.path()).expect("free again");
    }

    #[test]
    fn unreadable_holder_names_are_described() {
        assert_eq!(describe(""), "a run that has just started");
        let text = r#"{"pid":7,"host":"h","command":"ogi extract x","started":0}"#;
        let d = describe(text);
        assert!(d.starts_with("pid 7 on h, running for "), "{d}");
        assert!(d.ends_with(": ogi extract x"), "{d}");
    }
}
