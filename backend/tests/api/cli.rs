//! The `futurematch` binary: subcommands and graceful shutdown, run as a real process.

use backend::db::sql;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_futurematch"));
    c.env_remove("FUTUREMATCH_ADDR").env("FUTUREMATCH_LOG", "info").env("NO_COLOR", "1");
    c
}

/// Starts the server command and returns it with the address it reports (`listening on …`).
pub(crate) fn serve(cmd: &mut Command) -> (std::process::Child, String) {
    let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.split("listening on ").nth(1) {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).expect("server reports its address");
    (child, url)
}

/// Runs `create-admin` with a good password from stdin; whether it succeeded.
pub(crate) fn create_admin(dir: &std::path::Path, email: &str) -> bool {
    let mut child = bin()
        .arg("--data-dir")
        .arg(dir)
        .args(["create-admin", "--email", email])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a-long-admin-passphrase\n").unwrap();
    child.wait().unwrap().success()
}

#[tokio::test]
async fn create_admin_reads_the_password_from_stdin_and_the_admin_can_log_in() {
    let dir = tempfile::tempdir().unwrap();
    assert!(create_admin(dir.path(), "Root@Example.com"));

    let config = backend::Config::with_data_dir(dir.path());
    let pool = backend::db::connect(&config).await.unwrap();
    let (email, admin): (String, bool) =
        sql::query_as("SELECT email, is_admin FROM users").fetch_one(&pool).await.unwrap();
    assert_eq!(email, "root@example.com");
    assert!(admin);
}

#[test]
fn create_admin_refuses_a_weak_password() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = bin()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["create-admin", "--email", "root@example.com"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1234567890\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("too common"));
}

#[test]
fn migrate_seed_demo_and_backup_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bin().arg("--data-dir").arg(dir.path()).args(args).output().unwrap();
    assert!(run(&["migrate"]).status.success());
    assert!(run(&["seed-demo"]).status.success());
    assert!(run(&["seed-demo", "--scale", "300"]).status.success());
    let backup = dir.path().join("copy.db");
    assert!(run(&["backup", backup.to_str().unwrap()]).status.success());
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
    assert!(!run(&["backup", backup.to_str().unwrap()]).status.success(), "refuses to overwrite");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let published: i64 = rt.block_on(async {
        let pool = backend::db::connect(&backend::Config::with_data_dir(dir.path())).await.unwrap();
        sql::query_as::<(i64,)>("SELECT COUNT(*) FROM postings WHERE status = 'published'")
            .fetch_one(&pool)
            .await
            .unwrap()
            .0
    });
    let demo = (backend::demo::GENERATED_POSTINGS + backend::demo::engagement::POSTINGS) as i64;
    assert_eq!(published, demo + 300, "the demo's generated and written postings, and the scaled 300");
}

#[test]
fn the_server_starts_with_no_configuration_answers_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    // Defaults everywhere but the port (0: any free one) and the working folder.
    let (mut child, url) =
        serve(bin().current_dir(dir.path()).args(["--addr", "127.0.0.1:0", "--no-demo"]).stderr(Stdio::piped()));
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(dir.path().join("data/futurematch.db").exists(), "the database lives in ./data");

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "clean exit on SIGTERM: {status}");
            break;
        }
        assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn audit_verify_passes_on_an_intact_log_and_fails_when_a_row_was_edited() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bin().arg("--data-dir").arg(dir.path()).args(args).output().unwrap();
    assert!(create_admin(dir.path(), "root@example.com"));
    let ok = run(&["audit", "verify"]);
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact: 1 entries"), "{ok:?}");

    // Someone with the database file rewrites history (past the append-only trigger).
    let pool = backend::db::connect(&backend::Config::with_data_dir(dir.path())).await.unwrap();
    sql::query("DROP TRIGGER audit_log_no_update").execute(&pool).await.unwrap();
    sql::query("UPDATE audit_log SET actor = 'someone-else' WHERE id = 1").execute(&pool).await.unwrap();
    pool.close().await;
    let broken = run(&["audit", "verify"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).contains("Altered { id: 1 }"), "{broken:?}");
}

#[test]
fn restore_puts_a_checked_backup_back_keeps_the_replaced_database_and_refuses_while_a_server_runs() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bin().arg("--data-dir").arg(dir.path()).args(args).output().unwrap();
    assert!(create_admin(dir.path(), "first@example.com"));
    let backup = dir.path().join("before.db");
    assert!(run(&["backup", backup.to_str().unwrap()]).status.success());
    assert!(create_admin(dir.path(), "second@example.com"));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let users = |file: std::path::PathBuf| -> Vec<String> {
        rt.block_on(async {
            let config = backend::Config {
                database_url: Some(format!("sqlite://{}", file.display())),
                ..backend::Config::with_data_dir(dir.path())
            };
            let pool = backend::db::connect(&config).await.unwrap();
            let rows: Vec<(String,)> =
                sql::query_as("SELECT email FROM users ORDER BY id").fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows.into_iter().map(|(e,)| e).collect()
        })
    };
    let db = dir.path().join("futurematch.db");

    // A server holds the data folder: restore refuses and changes nothing.
    let lock = std::fs::File::create(dir.path().join("futurematch.lock")).unwrap();
    lock.try_lock().unwrap();
    let refused = run(&["restore", backup.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("in use"), "{refused:?}");
    drop(lock);
    // Something that is not a database is refused too.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert!(!run(&["restore", junk.to_str().unwrap()]).status.success());
    assert_eq!(users(db.clone()), ["first@example.com", "second@example.com"]);

    let restored = run(&["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{restored:?}");
    assert_eq!(users(db), ["first@example.com"], "back to the backup");
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("futurematch.db.before-restore-") && name.ends_with(|c: char| c.is_ascii_digit())
        })
        .expect("the replaced database is kept");
    assert_eq!(users(kept), ["first@example.com", "second@example.com"]);
}

#[test]
fn seed_demo_loads_the_demo_beside_an_admin_and_says_why_when_a_demo_address_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| bin().arg("--data-dir").arg(dir.path()).args(args).output().unwrap();
    assert!(create_admin(dir.path(), "root@example.com"));
    let out = run(&["seed-demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("demo data loaded"));
    let again = run(&["seed-demo"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("loaded already"));

    // A folder where someone took a demo address: refused, naming it, nothing written.
    let other = tempfile::tempdir().unwrap();
    assert!(create_admin(other.path(), "lab@demo.futurematch.cn"));
    let out = bin().arg("--data-dir").arg(other.path()).arg("seed-demo").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("lab@demo.futurematch.cn"), "{out:?}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let users: i64 = rt.block_on(async {
        let pool = backend::db::connect(&backend::Config::with_data_dir(other.path())).await.unwrap();
        sql::query_as::<(i64,)>("SELECT COUNT(*) FROM users").fetch_one(&pool).await.unwrap().0
    });
    assert_eq!(users, 1, "nothing of the demo was written");
}

#[test]
fn the_first_start_loads_the_demo_even_when_an_admin_was_created_before_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(create_admin(dir.path(), "root@example.com"));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let pool = backend::db::connect(&backend::Config::with_data_dir(dir.path())).await.unwrap();
        assert!(
            backend::demo::seed_if_first_start(&pool).await.unwrap(),
            "an admin alone is not an installation in use"
        );
        sql::query("DELETE FROM app_meta WHERE key = 'demo_seeded'").execute(&pool).await.unwrap();
        assert!(!backend::demo::seed_if_first_start(&pool).await.unwrap(), "organizations exist: in use");
    });
}
