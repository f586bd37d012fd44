use std::path::Path;

/// Removes a SQLite database: the file and its `-wal` and `-shm` companions, which
/// belong to it (a WAL file left behind would be replayed into a new database of the
/// same name). Files that are already gone are fine.
pub fn remove_sqlite_database(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
