//! Builds the frontend: wasm32 in the size profile, wasm-bindgen (the library, pinned to the
//! version in Cargo.lock), wasm-opt, content-hashed assets, precompressed copies, `dist/index.html`.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::{cargo, run_cmd, setup};

pub fn build(root: &Path) -> Result<()> {
    setup::ensure_wasm_target()?;
    run_cmd(cargo().args([
        "build",
        "-p",
        "frontend",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]))?;
    let wasm = root.join("target/wasm32-unknown-unknown/wasm-release/frontend.wasm");
    let bindgen_out = root.join("target/wasm-bindgen");
    let _ = fs::remove_dir_all(&bindgen_out);
    fs::create_dir_all(&bindgen_out)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .out_name("frontend")
        .generate(&bindgen_out)
        .context("running wasm-bindgen")?;
    let bg = bindgen_out.join("frontend_bg.wasm");
    if let Some(opt) = setup::wasm_opt(root) {
        let optimised = bindgen_out.join("frontend_opt.wasm");
        run_cmd(
            Command::new(opt)
                .args([
                    "-Oz",
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                    "--enable-multivalue",
                ])
                .arg(&bg)
                .arg("-o")
                .arg(&optimised),
        )?;
        fs::rename(&optimised, &bg)?;
    }

    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist)?;
    let wasm_bytes = fs::read(&bg)?;
    let wasm_name = hashed("frontend_bg", "wasm", &wasm_bytes);
    let js_name = hashed("frontend", "js", &fs::read(bindgen_out.join("frontend.js"))?);
    let css = stylesheet(&root.join("style"))?;
    let css_name = hashed("style", "css", css.as_bytes());
    fs::write(dist.join(&wasm_name), &wasm_bytes)?;
    fs::copy(bindgen_out.join("frontend.js"), dist.join(&js_name))?;
    fs::write(dist.join(&css_name), &css)?;

    let template = fs::read_to_string(root.join("frontend/index.html"))?;
    if !template.contains("<!--STYLE-->") || !template.contains("<!--SCRIPT-->") {
        bail!("frontend/index.html needs the <!--STYLE--> and <!--SCRIPT--> markers");
    }
    let html = template.replace("<!--STYLE-->", &format!(r#"<link rel="stylesheet" href="/{css_name}">"#)).replace(
        "<!--SCRIPT-->",
        &format!(
            r#"<link rel="preload" href="/{wasm_name}" as="fetch" type="application/wasm" crossorigin>
  <link rel="modulepreload" href="/{js_name}">
  <script type="module">import init from '/{js_name}'; init({{ module_or_path: '/{wasm_name}' }});</script>"#
        ),
    );
    fs::write(dist.join("index.html"), html)?;

    for name in [&wasm_name, &js_name, &css_name, &"index.html".to_owned()] {
        precompress(&dist.join(name))?;
    }
    let gz = fs::metadata(dist.join(format!("{wasm_name}.gz")))?.len();
    let br = fs::metadata(dist.join(format!("{wasm_name}.br")))?.len();
    let js_gz = fs::metadata(dist.join(format!("{js_name}.gz")))?.len();
    eprintln!(
        "xtask: dist/ written: wasm {} bytes ({:.1} KB gzip, {:.1} KB brotli), js glue {:.1} KB gzip, initial wasm+js {:.1} KB gzip",
        wasm_bytes.len(),
        gz as f64 / 1000.0,
        br as f64 / 1000.0,
        js_gz as f64 / 1000.0,
        (gz + js_gz) as f64 / 1000.0
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

fn precompress(path: &Path) -> Result<()> {
    let bytes = fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    fs::write(path.with_extension(format!("{}.gz", ext(path))), gz.finish()?)?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(&bytes)?;
    }
    fs::write(path.with_extension(format!("{}.br", ext(path))), br)?;
    Ok(())
}

fn ext(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
}
