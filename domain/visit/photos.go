package visit

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"sendqa/domain"
)

// Photo limits: the file as sent, and the picture's size in pixels, so
// that a small file cannot decode into gigabytes.
const (
	MaxPhotoBytes  = 15 << 20
	maxPhotoPixels = 50_000_000
)

// CleanPhoto reads a JPEG or PNG photo, at most MaxPhotoBytes, and
// returns it decoded and encoded afresh with its type. Only the pixels
// survive: EXIF (GPS position, camera, time), XMP, IPTC, comments and
// every other chunk or segment are dropped, because the encoders write
// none of them. Returns domain KindTooLarge, KindUnsupported for anything
// else, and domain.ErrInvalid for a file that does not decode.
//
// Limitation: a JPEG's EXIF orientation is dropped with the rest, so a
// photo a phone stored sideways with an orientation flag shows sideways.
func CleanPhoto(r io.Reader) ([]byte, string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPhotoBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read photo: %w", err)
	}
	if len(data) > MaxPhotoBytes {
		return nil, "", &domain.Error{Kind: domain.KindTooLarge,
			Message: fmt.Sprintf("the photo is larger than %d MB", MaxPhotoBytes>>20)}
	}
	kind := http.DetectContentType(data)
	if kind != "image/jpeg" && kind != "image/png" {
		return nil, "", &domain.Error{Kind: domain.KindUnsupported,
			Message: "send a photo as a JPEG or PNG picture"}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", domain.InvalidField("file", "the photo could not be read; try another")
	}
	if cfg.Width*cfg.Height > maxPhotoPixels {
		return nil, "", &domain.Error{Kind: domain.KindTooLarge,
			Message: "the photo has too many pixels; send a smaller one"}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, "", domain.InvalidField("file", "the photo could not be read; try another")
	}
	var out bytes.Buffer
	if kind == "image/png" {
		err = png.Encode(&out, img)
	} else {
		err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 88})
	}
	if err != nil {
		return nil, "", fmt.Errorf("encode photo: %w", err)
	}
	return out.Bytes(), kind, nil
}
