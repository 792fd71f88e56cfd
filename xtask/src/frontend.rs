//! Builds the frontend: wasm32 in the size profile, wasm-bindgen (the library, pinned to the
//! version in Cargo.lock), wasm-opt, content-hashed assets, precompressed copies, `dist/index.html`.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::{cargo, chunks, run_cmd, setup};

/// How the frontend is built.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// What is served: size-optimised, whole-program LTO, wasm-opt, best compression.
    Release,
    /// The edit-reload loop (`cargo xtask frontend --dev`): incremental, no LTO, no wasm-opt, quick
    /// compression. Same split and same files as a release build, several times larger.
    Dev,
}

impl Flavour {
    pub fn from_args(args: &[String]) -> Result<Flavour> {
        match args {
            [] => Ok(Flavour::Release),
            [flag] if flag == "--dev" => Ok(Flavour::Dev),
            _ => bail!("usage: cargo xtask frontend [--dev]"),
        }
    }

    fn profile(self) -> &'static str {
        match self {
            Flavour::Release => "wasm-release",
            Flavour::Dev => "wasm-dev",
        }
    }
}

pub fn build(root: &Path, flavour: Flavour) -> Result<()> {
    setup::ensure_wasm_target()?;
    let started = Instant::now();
    let phase = |name: &str, since: &mut Instant| {
        eprintln!("xtask: {name} {:.1}s", since.elapsed().as_secs_f64());
        *since = Instant::now();
    };
    let mut since = Instant::now();
    run_cmd(cargo().args([
        "build",
        "-p",
        "frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        flavour.profile(),
    ]))?;
    phase("cargo build (wasm32)", &mut since);
    let wasm = root.join(format!("target/wasm32-unknown-unknown/{}/frontend.wasm", flavour.profile()));
    // `FUTUREMATCH_WASM_NAMES=1` keeps function names in every module, for size analysis
    // (`twiggy top dist/pkg-*/frontend_bg.wasm`); the modules are then larger than served.
    let keep_names = std::env::var_os("FUTUREMATCH_WASM_NAMES").is_some();
    let pkg = root.join("target/wasm-pkg");
    let _ = fs::remove_dir_all(&pkg);
    fs::create_dir_all(&pkg)?;

    // Split the linked binary at the `#[lazy]` pages: the main module keeps the shell (layout,
    // home, sign-in) and every page area becomes a module fetched the first time it is shown.
    let input = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let main_wasm = pkg.join("main.wasm");
    // The code areas share is grouped into a few files (see chunks.rs), not one per set of areas.
    let grouping = |offered: &[wasm_split_cli_support::SharedChunk]| {
        let chunks: Vec<_> =
            offered.iter().map(|c| chunks::Chunk { needed_by: &c.needed_by, bytes: c.code_bytes }).collect();
        let groups = chunks::group(&chunks);
        // What was offered, for studying other groupings (`target/split-chunks.json`).
        let offered: Vec<_> = offered
            .iter()
            .map(|c| serde_json::json!({"needed_by": c.needed_by.iter().map(|m| chunks::area(m)).collect::<Vec<_>>(), "bytes": c.code_bytes}))
            .collect();
        let _ = fs::write(root.join("target/split-chunks.json"), serde_json::Value::from(offered).to_string());
        let per_area = chunks::files_per_area(&chunks, &groups);
        let summary: Vec<String> = per_area
            .iter()
            .map(|a| format!("{} {} ({} of {} KB used)", a.area, a.files, a.needed / 1000, a.fetched / 1000))
            .collect();
        eprintln!(
            "xtask: {} shared chunks grouped into {} files; shared files per area: {}",
            chunks.len(),
            {
                let mut g = groups.clone();
                g.sort();
                g.dedup();
                g.len()
            },
            summary.join(", ")
        );
        groups
    };
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &pkg;
        opts.main_out_path = &main_wasm;
        opts.main_module = "./frontend.js";
        opts.link_name = "./__wasm_split.js";
        opts.group_chunks = Some(&grouping);
        opts
    })
    .map_err(|e| anyhow::anyhow!("splitting the wasm: {e:?}"))?;
    phase("split", &mut since);
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main_wasm)
        .web(true)?
        .typescript(false)
        .keep_lld_exports(true)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .out_name("frontend")
        .generate(&pkg)
        .context("running wasm-bindgen")?;
    fs::remove_file(&main_wasm)?;
    // The page's one script is wasm-bindgen's module with the start-up call appended (the
    // Content-Security-Policy allows no inline script; a start-up file of its own would be one
    // more request on every page). The split modules import the same module: it runs once.
    let js = pkg.join("frontend.js");
    let mut glue = fs::read_to_string(&js)?;
    if !glue.contains("__wbg_init as default") {
        bail!("wasm-bindgen's module no longer exports __wbg_init as its default: update the start-up call");
    }
    glue.push_str("\n__wbg_init({ module_or_path: new URL('frontend_bg.wasm', import.meta.url) });\n");
    fs::write(&js, glue)?;
    phase("wasm-bindgen", &mut since);
    let mut modules = vec![pkg.join("frontend_bg.wasm")];
    modules.extend(split.split_modules.iter().cloned());
    if let Some(opt) = setup::wasm_opt(root).filter(|_| flavour == Flavour::Release) {
        eprintln!("xtask: wasm-opt -Oz on {} modules", modules.len());
        // Two at a time: the machines have two cores.
        for pair in modules.chunks(2) {
            let children = pair
                .iter()
                .map(|m| Ok((m, optimise(&opt, m, keep_names).spawn()?)))
                .collect::<std::io::Result<Vec<_>>>()?;
            for (module, child) in children {
                let out = child.wait_with_output()?;
                if !out.status.success() {
                    bail!("wasm-opt failed on {}: {}", module.display(), String::from_utf8_lossy(&out.stderr));
                }
                fs::rename(module.with_extension("opt.wasm"), module)?;
            }
        }
        phase("wasm-opt", &mut since);
    }
    let quality = match flavour {
        Flavour::Release => Quality::Best,
        Flavour::Dev => Quality::Quick,
    };

    // Every file of the package (with wasm-bindgen's `snippets/`) in one directory named by the
    // hash of all of them: the modules find each other by relative URLs, and the directory is
    // cached forever.
    let mut files = vec![];
    collect_files(&pkg, &mut files)?;
    files.sort();
    let mut digest = Sha256::new();
    for f in &files {
        digest.update(f.strip_prefix(&pkg)?.as_os_str().as_encoded_bytes());
        digest.update(fs::read(f)?);
    }
    let hex: String = digest.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let pkg_name = format!("pkg-{hex}");

    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    let dist_pkg = dist.join(&pkg_name);
    for f in &files {
        let target = dist_pkg.join(f.strip_prefix(&pkg)?);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(f, &target)?;
    }
    let css = stylesheet(&root.join("style"))?;
    let css_name = hashed("style", "css", css.as_bytes());
    fs::write(dist.join(&css_name), &css)?;

    let template = fs::read_to_string(root.join("frontend/index.html"))?;
    if !template.contains("<!--STYLE-->") || !template.contains("<!--SCRIPT-->") {
        bail!("frontend/index.html needs the <!--STYLE--> and <!--SCRIPT--> markers");
    }
    // Every script the page imports is named up front, so none waits for the one importing it.
    let modules: String = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
        .map(|f| {
            format!(
                "\n  <link rel=\"modulepreload\" href=\"/{pkg_name}/{}\">",
                f.strip_prefix(&pkg).unwrap_or(f).display()
            )
        })
        .collect();
    let html = template.replace("<!--STYLE-->", &format!(r#"<link rel="stylesheet" href="/{css_name}">"#)).replace(
        "<!--SCRIPT-->",
        &format!(
            r#"<link rel="preload" href="/{pkg_name}/frontend_bg.wasm" as="fetch" type="application/wasm" crossorigin>{modules}
  <script type="module" src="/{pkg_name}/frontend.js"></script>"#
        ),
    );
    fs::write(dist.join("index.html"), html)?;
    fs::write(dist.join("preload.json"), preload_manifest(&pkg_name, &split.prefetch_map)?)?;
    let mut compress: Vec<_> = files.iter().map(|f| Ok(dist_pkg.join(f.strip_prefix(&pkg)?))).collect::<Result<_>>()?;
    compress.extend([dist.join(&css_name), dist.join("index.html")]);
    precompress_all(compress, quality)?;
    phase("assets and compression", &mut since);
    report(&dist_pkg)?;
    eprintln!("xtask: frontend built in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `dist/preload.json`: for each page area, the files its pages load (the area's module and the
/// shared files it needs), which the server names as preload hints in the page it serves for a
/// path of that area, so they download with the shell rather than after it.
fn preload_manifest(pkg_name: &str, prefetch: &std::collections::HashMap<String, Vec<String>>) -> Result<String> {
    let mut areas = serde_json::Map::new();
    for (module, files) in prefetch {
        let area = chunks::area(module);
        let mut paths: Vec<String> = files.iter().map(|f| format!("/{pkg_name}/{f}.wasm")).collect();
        paths.sort();
        areas.insert(area.to_owned(), paths.into());
    }
    Ok(serde_json::to_string_pretty(&areas)?)
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// wasm-opt writing `<module>.opt.wasm`, its chatter captured (shown only on failure).
fn optimise(wasm_opt: &Path, module: &Path, keep_names: bool) -> Command {
    let mut cmd = Command::new(wasm_opt);
    if keep_names {
        cmd.arg("--debuginfo");
    }
    cmd.args([
        "-Oz",
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-reference-types",
        "--enable-multivalue",
    ])
    .arg(module)
    .arg("-o")
    .arg(module.with_extension("opt.wasm"))
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    cmd
}

/// Sizes: what the first page load needs (main wasm and the JS) and what the split pages add.
fn report(pkg: &Path) -> Result<()> {
    let gz = |name: &str| fs::metadata(pkg.join(format!("{name}.gz"))).map(|m| m.len()).unwrap_or(0);
    let initial = gz("frontend_bg.wasm") + gz("frontend.js") + gz("__wasm_split.js");
    let mut split_gz = 0;
    let mut count = 0;
    for entry in fs::read_dir(pkg)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && name != "frontend_bg.wasm" {
            split_gz += gz(&name);
            count += 1;
        }
    }
    eprintln!(
        "xtask: dist/ written: initial download {:.1} KB gzip (main wasm {:.1} KB, js {:.1} KB); {count} lazily loaded modules {:.1} KB gzip in all",
        initial as f64 / 1000.0,
        gz("frontend_bg.wasm") as f64 / 1000.0,
        (gz("frontend.js") + gz("__wasm_split.js")) as f64 / 1000.0,
        split_gz as f64 / 1000.0
    );
    Ok(())
}

/// `name-<16 hex of sha256>.ext`.
fn hashed(name: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{name}-{hex}.{ext}")
}

/// Every `style/*.css`, in name order, as one stylesheet.
fn stylesheet(dir: &Path) -> Result<String> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "css"))
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        out.push_str(&format!("/* {} */\n", f.file_name().unwrap_or_default().to_string_lossy()));
        out.push_str(&fs::read_to_string(&f)?);
        out.push('\n');
    }
    Ok(out)
}

#[derive(Clone, Copy)]
enum Quality {
    Best,
    Quick,
}

/// Precompresses the files on two threads (the machines have two cores), largest first.
fn precompress_all(mut paths: Vec<std::path::PathBuf>, quality: Quality) -> Result<()> {
    paths.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    let queue = std::sync::Mutex::new(paths.into_iter());
    let next = || queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    while let Some(path) = next() {
                        precompress(&path, quality)?;
                    }
                    anyhow::Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().map_err(|_| anyhow::anyhow!("a compression thread panicked"))?)
    })
}

fn precompress(path: &Path, quality: Quality) -> Result<()> {
    let (gzip_level, brotli_level) = match quality {
        Quality::Best => (flate2::Compression::best(), 11),
        Quality::Quick => (flate2::Compression::fast(), 4),
    };
    let bytes = fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), gzip_level);
    gz.write_all(&bytes)?;
    fs::write(path.with_extension(format!("{}.gz", ext(path))), gz.finish()?)?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, brotli_level, 22);
        w.write_all(&bytes)?;
    }
    fs::write(path.with_extension(format!("{}.br", ext(path))), br)?;
    Ok(())
}

fn ext(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
}
