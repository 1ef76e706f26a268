import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm/node';
import type { Document } from '../../schemas/document.js';
import { commitTemp, tempPathFor } from './atomic.js';
import { ColumnBatch } from './rows.js';
import type { DocWriter, Exclusion, OutputSchema } from './writer.js';

export type ParquetCompression = 'zstd' | 'snappy' | 'gzip' | 'none';

export interface ParquetWriterOptions {
  compression: ParquetCompression;
  rowGroupSize: number;
}

const codecs: Record<ParquetCompression, pw.Compression> = {
  zstd: pw.Compression.ZSTD,
  snappy: pw.Compression.SNAPPY,
  gzip: pw.Compression.GZIP,
  none: pw.Compression.UNCOMPRESSED,
};

function writerProperties(o: ParquetWriterOptions): pw.WriterProperties {
  // Text is long and unique: dictionary encoding and min/max statistics cost time and buy nothing.
  return new pw.WriterPropertiesBuilder()
    .setCompression(codecs[o.compression])
    .setMaxRowGroupSize(o.rowGroupSize)
    .setColumnDictionaryEnabled('text', false)
    .setColumnStatisticsEnabled('text', pw.EnabledStatistics.None)
    .setColumnDictionaryEnabled('metadata', false)
    .setColumnStatisticsEnabled('metadata', pw.EnabledStatistics.None)
    .setCreatedBy('winnow')
    .build();
}

/** Rows accumulated column-wise and turned into one Arrow table per row group. */
export interface RowBatch<R> {
  readonly length: number;
  add(row: R): void;
  /** Builds the table and empties the accumulator. */
  take(): arrow.Table;
}

/**
 * Streams rows into one Parquet file, one row group per `rowGroupSize` rows, encoded by arrow-rs
 * (parquet-wasm). At most two row groups wait in memory; `write` waits beyond that. The row layout
 * is the batch's business: documents (below) or any other table (mined prompt sets).
 */
export class ParquetRowWriter<R> {
  private queue: pw.RecordBatch[] = [];
  private closed = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriter: (() => void) | undefined;
  private tempPath: string | undefined;
  private done: Promise<void> | undefined;
  private failure: Error | undefined;
  rows = 0;

  constructor(
    private readonly finalPath: string,
    private readonly batch: RowBatch<R>,
    private readonly options: ParquetWriterOptions,
  ) {}

  private async start(): Promise<void> {
    await mkdir(dirname(this.finalPath), { recursive: true });
    this.tempPath = tempPathFor(this.finalPath);
    const source = new ReadableStream<pw.RecordBatch>(
      {
        pull: async (ctrl) => {
          while (this.queue.length === 0 && !this.closed) await new Promise<void>((r) => (this.wakeReader = r));
          const next = this.queue.shift();
          this.wakeWriter?.();
          if (next) ctrl.enqueue(next);
          else ctrl.close();
        },
      },
      { highWaterMark: 0 },
    );
    const file = Writable.toWeb(createWriteStream(this.tempPath)) as WritableStream<Uint8Array>;
    // Not awaited: the encoder reads the first batch (for the schema) before it resolves.
    this.done = (async () => {
      const encoded = (await pw.transformParquetStream(source, writerProperties(this.options))) as ReadableStream<Uint8Array>;
      await encoded.pipeTo(file);
    })().catch((e: unknown) => {
      this.failure = e instanceof Error ? e : new Error(String(e));
      this.wakeWriter?.();
    });
  }

  private enqueue(): void {
    if (this.batch.length === 0) return;
    const table = this.batch.take();
    const wasmTable = pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
    for (const rb of wasmTable.recordBatches()) this.queue.push(rb);
    this.wakeReader?.();
  }

  async write(row: R): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.done) await this.start();
    this.batch.add(row);
    this.rows++;
    if (this.batch.length >= this.options.rowGroupSize) {
      this.enqueue();
      while (this.queue.length > 1 && !this.failure) await new Promise<void>((r) => (this.wakeWriter = r));
      if (this.failure) throw this.failure;
    }
  }

  async commit(): Promise<string | undefined> {
    if (!this.done) return undefined;
    this.enqueue();
    this.closed = true;
    this.wakeReader?.();
    await this.done;
    if (this.failure) throw new Error(`writing ${this.finalPath}: ${this.failure.message}`);
    await commitTemp(this.tempPath!, this.finalPath);
    return this.finalPath;
  }

  async abort(): Promise<void> {
    this.closed = true;
    this.wakeReader?.();
    await this.done?.catch(() => undefined);
    if (this.tempPath) await rm(this.tempPath, { force: true });
  }
}

/** Documents in the one output row layout (rows.ts). */
export class ParquetDocWriter implements DocWriter {
  private readonly inner: ParquetRowWriter<{ doc: Document; exclusion?: Exclusion }>;

  constructor(finalPath: string, schema: OutputSchema, options: ParquetWriterOptions) {
    const columns = new ColumnBatch(schema);
    const batch: RowBatch<{ doc: Document; exclusion?: Exclusion }> = {
      get length() {
        return columns.length;
      },
      add: (r) => columns.add(r.doc, r.exclusion),
      take: () => columns.take(),
    };
    this.inner = new ParquetRowWriter(finalPath, batch, options);
  }

  get rows(): number {
    return this.inner.rows;
  }

  write(doc: Document, exclusion?: Exclusion): Promise<void> {
    return this.inner.write({ doc, exclusion });
  }

  commit(): Promise<string | undefined> {
    return this.inner.commit();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }
}
