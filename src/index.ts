// The library API of mia-migrate: the same stages the CLI runs, for use from code.
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
export {
  migrate,
  convertSnapshot,
  type ConvertOptions,
  type ConvertResult,
  type MigrateOptions,
  type MigrateResult,
} from "./pipeline/migrate.js";
export { PostSpool } from "./store/post-spool.js";
export { crawlToSnapshot } from "./crawl/to-snapshot.js";
export { EXIT, UsageError, RunError } from "./config/errors.js";
export { snapshotRun, type SnapshotRunOptions, type SnapshotRunResult, type RunInfo } from "./pipeline/snapshot.js";
export { snapshotFromArchive, listRunDirs } from "./archive/warc-read.js";
export { diffRuns, type RunDiff, type ArchivedPost } from "./archive/diff.js";
export { checkAndReport, type CheckOptions } from "./pipeline/check.js";
export { crawlSettings, convertOptions, checkSettings } from "./pipeline/settings.js";
export { verifyOutput, type VerifyOptions, type VerifyResult } from "./pipeline/verify.js";
export { isArchive, snapshotOfArchive } from "./pipeline/source.js";
export { NoPostsError } from "./config/errors.js";
