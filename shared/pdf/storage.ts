import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../config/index.js';

/**
 * Stored invoice PDFs: `biz/<businessId>/invoices/<invoiceId>/r<revision>.pdf` in the PDF bucket,
 * under the business's prefix. The revision in the key means a changed invoice never finds the
 * file of an earlier state; the document's fingerprint in the object's metadata catches what the
 * revision does not see (a draft shows the business's name as it is now; a new layout).
 */
export const presignedSeconds = 60;

const fingerprintKey = 'fingerprint';

let cached: S3Client | undefined;

/** Against a local S3 (s3rver) the endpoint is set, and it serves buckets by path, not by host. */
function s3(): S3Client {
  const c = config();
  cached ??= new S3Client({ region: c.region, ...(c.s3Endpoint ? { endpoint: c.s3Endpoint, forcePathStyle: true } : {}) });
  return cached;
}

export function pdfKey(businessId: string, invoiceId: string, revision: number): string {
  return `biz/${businessId}/invoices/${invoiceId}/r${revision}.pdf`;
}

/** The fingerprint stored with a PDF, or null when there is no PDF at that key. */
export async function storedFingerprint(key: string): Promise<string | null> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: config().pdfBucket, Key: key }));
    return head.Metadata?.[fingerprintKey] ?? '';
  } catch (error) {
    // S3 says 404 for a missing key only to a caller that may list the bucket (the stack's
    // grantRead includes s3:List*); otherwise it says 403, which must stay an error, not "missing".
    if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound')) return null;
    throw error;
  }
}

export async function storePdf(key: string, body: Buffer, o: { fingerprint: string; fileName: string }): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: config().pdfBucket,
      Key: key,
      Body: body,
      ContentType: 'application/pdf',
      ContentDisposition: disposition(o.fileName),
      Metadata: { [fingerprintKey]: o.fingerprint },
    }),
  );
}

/** A GET URL for the stored PDF that works for `presignedSeconds`, shown in the browser (inline). */
export function presignedPdfUrl(key: string, fileName: string): Promise<string> {
  const get = new GetObjectCommand({ Bucket: config().pdfBucket, Key: key, ResponseContentDisposition: disposition(fileName), ResponseContentType: 'application/pdf' });
  return getSignedUrl(s3(), get, { expiresIn: presignedSeconds });
}

/** `inline; filename="INV-0007.pdf"`: ASCII only in the plain form, the exact name in filename*. */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
