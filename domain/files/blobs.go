// Package files keeps evidence files in a bucket through gocloud.dev/blob:
// a local folder by default, S3-compatible storage by URL.
package files

import (
	"context"
	"fmt"
	"io"
	"os"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:// buckets
	_ "gocloud.dev/blob/s3blob"   // s3:// buckets, S3-compatible storage
	"gocloud.dev/gcerrors"

	"sendqa/domain"
)

// Bucket is a blob bucket holding evidence under generated keys.
type Bucket struct {
	b *blob.Bucket
}

// Open opens a bucket by URL: file:///var/lib/sendqa/evidence (the folder
// is created) or s3://bucket?region=...&endpoint=... .
func Open(ctx context.Context, url string) (*Bucket, error) {
	if dir, ok := folderOf(url); ok {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create evidence folder: %w", err)
		}
	}
	b, err := blob.OpenBucket(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("open evidence bucket: %w", err)
	}
	return &Bucket{b: b}, nil
}

func folderOf(url string) (string, bool) {
	const prefix = "file://"
	if len(url) <= len(prefix) || url[:len(prefix)] != prefix {
		return "", false
	}
	dir := url[len(prefix):]
	for i, r := range dir {
		if r == '?' {
			return dir[:i], true
		}
	}
	return dir, true
}

// Close releases the bucket.
func (b *Bucket) Close() error { return b.b.Close() }

// Put stores data under key.
func (b *Bucket) Put(ctx context.Context, key, contentType string, data []byte) error {
	return b.b.WriteAll(ctx, key, data, &blob.WriterOptions{ContentType: contentType})
}

// Open reads the file under key.
func (b *Bucket) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := b.b.NewReader(ctx, key, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, domain.NotFound("evidence file")
	}
	return r, err
}

// Delete removes the file under key; a missing file is already gone.
func (b *Bucket) Delete(ctx context.Context, key string) error {
	err := b.b.Delete(ctx, key)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil
	}
	return err
}
