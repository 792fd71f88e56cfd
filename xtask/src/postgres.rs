//! A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, on a free port
//! of 127.0.0.1, trusting local connections, with durability off (the data is thrown away);
//! stopped and removed when dropped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use crate::{run_cmd, setup};

pub struct Server {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Server {
    pub fn start() -> Result<Server> {
        let bin = setup::ensure_postgres()?;
        let dir = std::env::temp_dir().join(format!("futurematch-postgres-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        if setup::is_root() {
            // PostgreSQL refuses to run as root: the cluster belongs to Debian's `postgres` user.
            run_cmd(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let data = dir.join("data");
        let mut initdb = owner(&bin.join("initdb"));
        initdb.arg("-D").arg(&data).args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
        run_cmd(initdb.stdout(Stdio::null())).context("creating the test cluster")?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off",
            dir.display()
        );
        let mut start = owner(&bin.join("pg_ctl"));
        start.arg("-D").arg(&data).arg("-l").arg(dir.join("server.log")).args(["-w", "-o", &options, "start"]);
        run_cmd(start.stdout(Stdio::null())).context("starting the test PostgreSQL server")?;
        eprintln!("xtask: PostgreSQL {} on 127.0.0.1:{port}", bin.display());
        Ok(Server { bin, dir, port })
    }

    /// The server's URL (no database: each test makes its own).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let mut stop = owner(&self.bin.join("pg_ctl"));
        stop.arg("-D").arg(self.dir.join("data")).args(["-m", "immediate", "stop"]);
        let _ = stop.stdout(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `program`, run as the `postgres` user when this process is root.
fn owner(program: &Path) -> Command {
    if setup::is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}
