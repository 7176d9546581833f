//! A `.zip` of text files → a corpus import. Entries are read in the archive's order; text
//! files (by ending) become documents under their path inside the archive, under the same
//! rules as loose files (binary skipped, bad UTF-8 decoded lossily and named); folders are
//! passed over, anything else is listed as skipped with the reason. Runs in a worker.

use std::io::{Cursor, Read};

use super::corpus::{has_text_ending, Corpus, CorpusImport, SkippedFile};

/// Largest total of uncompressed text taken from one archive: a guard against zip bombs
/// and against archives too big for a tab.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

pub fn import_zip(archive: &str, bytes: &[u8]) -> Result<CorpusImport, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("{archive}: not a readable zip archive ({e})"))?;
    let mut import = CorpusImport::default();
    let mut unpacked = 0u64;
    for index in 0..zip.len() {
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(e) => {
                import.skipped.push(SkippedFile {
                    name: format!("{archive}: entry {}", index + 1),
                    reason: format!("could not be read ({e})"),
                });
                continue;
            }
        };
        let name = entry.name().to_string();
        if entry.is_dir() || name.starts_with("__MACOSX/") {
            continue;
        }
        if !has_text_ending(&name) {
            import.skipped.push(SkippedFile {
                name: format!("{archive}/{name}"),
                reason: "not a .txt or .md file".to_string(),
            });
            continue;
        }
        unpacked += entry.size();
        if unpacked > MAX_UNPACKED_BYTES {
            return Err(format!(
                "{archive}: unpacks to more than {} MB of text; split it into smaller archives",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ));
        }
        let mut text = Vec::with_capacity(entry.size() as usize);
        match entry.read_to_end(&mut text) {
            Ok(_) => import.merge(Corpus::from_files([(name, text)])),
            Err(e) => import.skipped.push(SkippedFile {
                name: format!("{archive}/{name}"),
                reason: format!("could not be unpacked ({e})"),
            }),
        }
    }
    Ok(import)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            if name.ends_with('/') {
                writer.add_directory(*name, deflated).unwrap();
            } else {
                writer.start_file(*name, deflated).unwrap();
                writer.write_all(bytes).unwrap();
            }
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn text_entries_become_documents_and_the_rest_is_named() {
        let bytes = archive(&[
            ("speeches/", b""),
            ("speeches/1790.txt", b"Fellow citizens"),
            ("speeches/notes.md", b"# Notes"),
            ("speeches/empty.txt", b""),
            ("speeches/cafe.txt", &[0x63, 0x61, 0x66, 0xe9]),
            ("speeches/photo.png", &[0x89, 0x50]),
            ("speeches/binary.txt", &[0x41, 0, 0x42]),
        ]);
        let import = import_zip("sotu.zip", &bytes).unwrap();
        let ids: Vec<&str> = import
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "speeches/1790.txt",
                "speeches/notes.md",
                "speeches/empty.txt",
                "speeches/cafe.txt"
            ]
        );
        assert_eq!(import.corpus.documents[0].text, "Fellow citizens");
        assert_eq!(import.decoded_lossily, ["speeches/cafe.txt"]);
        let skipped: Vec<&str> = import.skipped.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            skipped,
            ["sotu.zip/speeches/photo.png", "speeches/binary.txt"]
        );
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_named() {
        let e = import_zip("notes.zip", b"plain text").unwrap_err();
        assert!(
            e.starts_with("notes.zip: not a readable zip archive"),
            "{e}"
        );
    }
}
