// The library API of mia-migrate: the same pipelines the CLI runs, for use from code: `migrate`,
// `convert`, `checkLinks`, `verify` (each offline step reads a snapshot or an archive), `snapshotRun`,
// with one settings builder per stage (`crawlSettings`, `convertOptions`, `checkSettings`).
export { defaults, VERSION } from "./config/defaults.js";
export { crawl, type CrawlEvent, type CrawlSettings, type CrawlSummary } from "./crawl/crawler.js";
export { canonicalUrl, normalizePath, type UrlScope } from "./profiles/url.js";
export { parseOriginMap, type OriginMap } from "./http/origin-map.js";
export { decodeBody } from "./crawl/charset.js";
export { SnapshotStore, type FetchRecord, type ManifestRecord } from "./store/snapshot.js";
export { loadProfile, validateProfile, type Profile } from "./profiles/profile.js";
export { extractPost, type Post, type PostImage, type PostLink } from "./extract/post.js";
export { pageKind, postIdOf } from "./extract/classify.js";
export { cleanText, cleanBodyText } from "./normalize/text.js";
export { repairMojibake } from "./normalize/mojibake.js";
export { slugify } from "./normalize/slug.js";
export { htmlToMarkdown } from "./convert/markdown.js";
export { toDocument, type Document } from "./convert/document.js";
export { migrate, type MigrateOptions, type MigrateResult } from "./pipeline/migrate.js";
export { convert, convertSnapshot, type ConvertOptions, type ConvertResult } from "./pipeline/convert.js";
export { DETECTED_KINDS, type Finding, type Severity, type DetectedKind } from "./config/findings.js";
export { PostSpool } from "./store/post-spool.js";
export { crawlToSnapshot } from "./crawl/to-snapshot.js";
export { EXIT, UsageError, RunError } from "./config/errors.js";
export { snapshotRun, type SnapshotRunOptions, type SnapshotRunResult, type RunInfo } from "./pipeline/snapshot.js";
export { snapshotFromArchive, listRunDirs } from "./archive/warc-read.js";
export { diffRuns, type RunDiff, type ArchivedPost } from "./archive/diff.js";
export { checkLinks, checkAndReport, type CheckOptions } from "./pipeline/check.js";
export { crawlSettings, convertOptions, checkSettings } from "./pipeline/settings.js";
export { verify, verifyOutput, type VerifyOptions, type VerifyResult } from "./pipeline/verify.js";
export { isArchive, snapshotOfArchive, withSource } from "./pipeline/source.js";
export { NoPostsError } from "./config/errors.js";
