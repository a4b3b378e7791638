//! Gathering an export's files from Loop's zip or the folder it unpacks
//! to, each read capped in size.

use super::*;

/// A zip with more entries than this is not a Loop export (which has three
/// per habit); reading its directory alone would take a while.
const MAX_ZIP_ENTRIES: usize = 20_000;

/// A problem inside an unpacked export names the file inside the folder.
pub(super) fn in_folder(dir: &Path, p: Problem) -> ImportError {
    match &p.part {
        Some(part) => ImportError::bad(&dir.join(part), Problem { part: None, ..p }),
        None => ImportError::bad(dir, p),
    }
}

/// The export as Loop's zip. Nothing is unpacked to disk; each file read is
/// capped (see [`MAX_ZIP_ENTRY_BYTES`]) whatever size it claims.
pub fn from_zip(bytes: &[u8]) -> Result<LoopFiles, Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Problem::whole(format!("this is not a zip file afterglow can open ({e})")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Problem::whole(format!(
            "this zip holds {} files, far more than a Loop export; is it the right file?",
            archive.len()
        )));
    }
    let names: Vec<Option<String>> = archive
        .file_names()
        .map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    // Habits.csv at the top, or inside one folder when someone unpacked the
    // export and zipped the folder again.
    let (habits_index, prefix) = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let n = n.as_deref()?;
            let prefix = n.strip_suffix("Habits.csv")?;
            (prefix.is_empty() || (prefix.ends_with('/') && prefix.matches('/').count() == 1))
                .then(|| (i, prefix.to_string()))
        })
        .min_by_key(|(_, prefix)| prefix.len())
        .ok_or_else(|| {
            Problem::whole(
                "this zip holds no Habits.csv; is it the CSV export from Loop Habit Tracker \
                 (Settings → Export as CSV)?",
            )
        })?;
    let mut total = 0u64;
    let habits_name = names[habits_index].clone().unwrap_or_default();
    let habits = unpack(&mut archive, habits_index, &habits_name, &mut total)?;
    let mut folders = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(name) = name else { continue };
        let Some(dir) = name
            .strip_prefix(prefix.as_str())
            .and_then(|rest| rest.strip_suffix("/Checkmarks.csv"))
        else {
            continue;
        };
        if dir.contains('/') || folder_position(dir).is_none() {
            continue;
        }
        let checkmarks = unpack(&mut archive, i, name, &mut total)?;
        folders.push(LoopFolder {
            dir: dir.to_string(),
            name: name.clone(),
            checkmarks,
        });
    }
    folders.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(LoopFiles {
        habits_name,
        habits,
        folders,
    })
}

pub(super) fn unpack(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    name: &str,
    total: &mut u64,
) -> Result<Vec<u8>, Problem> {
    let file = archive
        .by_index(index)
        .map_err(|e| Problem::whole(format!("could not unpack this file ({e})")).in_part(name))?;
    let left = MAX_ZIP_TOTAL_BYTES.saturating_sub(*total);
    let cap = MAX_ZIP_ENTRY_BYTES.min(left);
    if file.size() > cap {
        return Err(too_large(cap.max(MAX_ZIP_ENTRY_BYTES)).in_part(name));
    }
    let bytes = bounded::read_capped(file, cap).map_err(|e| match e {
        BoundedError::Io(e) => {
            Problem::whole(format!("could not unpack this file ({e})")).in_part(name)
        }
        _ => too_large(MAX_ZIP_ENTRY_BYTES).in_part(name),
    })?;
    *total += bytes.len() as u64;
    Ok(bytes)
}

/// The export as the folder the zip unpacks to.
pub fn from_dir(dir: &Path) -> Result<LoopFiles, ImportError> {
    let habits_path = dir.join("Habits.csv");
    // Anything by that name is read (and a pipe or a device refused, by
    // name); only a missing one means the wrong folder.
    if fs::symlink_metadata(&habits_path).is_err() {
        return Err(ImportError::bad(
            dir,
            Problem::whole(
                "this folder holds no Habits.csv; give the folder unpacked from Loop's \
                 \"Export as CSV\", or the zip itself",
            ),
        ));
    }
    let habits = read_file(&habits_path)?;
    let mut folders = Vec::new();
    let listing = fs::read_dir(dir).map_err(|e| ImportError::read(dir, e))?;
    for item in listing {
        let item = item.map_err(|e| ImportError::read(dir, e))?;
        let Ok(name) = item.file_name().into_string() else {
            continue;
        };
        if folder_position(&name).is_none() || !item.path().is_dir() {
            continue;
        }
        let checkmarks = item.path().join("Checkmarks.csv");
        // Anything else by that name is read, so that a pipe or a device
        // there is refused by name rather than its check-ins left out.
        if matches!(fs::symlink_metadata(&checkmarks), Err(e) if e.kind() == io::ErrorKind::NotFound)
        {
            continue;
        }
        folders.push(LoopFolder {
            name: format!("{name}/Checkmarks.csv"),
            checkmarks: read_file(&checkmarks)?,
            dir: name,
        });
    }
    folders.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok(LoopFiles {
        habits_name: "Habits.csv".into(),
        habits,
        folders,
    })
}
