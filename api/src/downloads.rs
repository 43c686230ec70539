//! Exports of companies and works as CSV or XLSX, streamed: the rows are read a page at a time
//! (`services::exports`), encoded and sent while the next page is read, through a channel of a
//! few pages, so a slow download holds neither the market in memory nor a database connection.
//! An XLSX sheet is written to a temporary file row by row and zipped straight into the response.
//! The JSON routes (`routes::exports`) and the workspace pages' download buttons share it.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use actix_web::{HttpResponse, web};
use bytes::Bytes;
use pavilion_core::services::exports::{Cursor, Dataset, Export};
use pavilion_core::spreadsheet::{CsvEncoder, XlsxBook};
use std::io;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Pages encoded ahead of the download: the most an export holds in memory.
const PAGES_AHEAD: usize = 4;
/// How much of a zipped workbook is sent at once.
const XLSX_CHUNK: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The response: headers at once, the rows as they are read.
pub fn stream(state: web::Data<AppState>, export: Export, format: Format) -> HttpResponse {
    let filename = format!("{}.{}", export.file_stem(), format.extension());
    let (sender, receiver) = mpsc::channel::<Result<Bytes, io::Error>>(PAGES_AHEAD);
    let export = Arc::new(export);
    actix_web::rt::spawn(async move {
        let written = match format {
            Format::Csv => csv(&state, export, &sender).await,
            Format::Xlsx => xlsx(&state, export, sender.clone()).await,
        };
        if let Err(error) = written {
            // The headers are gone: all that is left is to cut the download short, so that it
            // cannot pass for a complete file.
            tracing::error!(%error, "an export failed while streaming");
            let _ = sender.send(Err(io::Error::other("the export failed"))).await;
        }
    });
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((CACHE_CONTROL, "no-store"))
        .streaming(body)
}

/// Reads the next page of `export`.
async fn page(
    state: &AppState,
    export: &Arc<Export>,
    cursor: Cursor,
) -> Result<(Vec<Vec<pavilion_core::services::exports::Cell>>, Option<Cursor>), ApiError> {
    let export = Arc::clone(export);
    Ok(state.run(move |conn, _| export.page(conn, cursor)).await?)
}

async fn csv(
    state: &AppState,
    export: Arc<Export>,
    sender: &mpsc::Sender<Result<Bytes, io::Error>>,
) -> Result<(), ApiError> {
    let mut encoder = CsvEncoder::new(export.columns());
    let mut cursor = Some(Cursor::default());
    while let Some(at) = cursor {
        let (rows, next) = page(state, &export, at).await?;
        let bytes = encoder.encode(&rows)?;
        if sender.send(Ok(Bytes::from(bytes))).await.is_err() {
            return Ok(()); // the client went away: stop reading
        }
        cursor = next;
    }
    Ok(())
}

async fn xlsx(
    state: &AppState,
    export: Arc<Export>,
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
) -> Result<(), ApiError> {
    let name = match export.dataset {
        Dataset::Exhibitors => "companies",
        Dataset::Works => "works",
    };
    let mut book = XlsxBook::new(name, export.columns())?;
    let mut cursor = Some(Cursor::default());
    while let Some(at) = cursor {
        let (rows, next) = page(state, &export, at).await?;
        // Writing goes to a temporary file: off the async threads.
        book = crate::state::blocking(move || book.write(&rows).map(|()| book)).await?;
        cursor = next;
        if sender.is_closed() {
            return Ok(());
        }
    }
    Ok(crate::state::blocking(move || book.finish(ChannelWriter { sender, buffer: Vec::with_capacity(XLSX_CHUNK) }))
        .await?)
}

/// A `Write` into the response's channel, in chunks, for the blocking thread that zips a workbook.
struct ChannelWriter {
    sender: mpsc::Sender<Result<Bytes, io::Error>>,
    buffer: Vec<u8>,
}

impl ChannelWriter {
    fn send_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buffer, Vec::with_capacity(XLSX_CHUNK)));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= XLSX_CHUNK {
            self.send_buffer()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send_buffer()
    }
}

impl Drop for ChannelWriter {
    fn drop(&mut self) {
        let _ = self.send_buffer();
    }
}
