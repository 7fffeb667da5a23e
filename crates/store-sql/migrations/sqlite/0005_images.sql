-- The image file (rules I1-I4): metadata only; the pictures are sealed blobs in the blob store.
CREATE TABLE images (
    imn TEXT PRIMARY KEY,
    lrn TEXT NOT NULL REFERENCES records (lrn),
    ori TEXT NOT NULL,
    file TEXT NOT NULL,
    image_type TEXT NOT NULL,
    date_of_image INTEGER NOT NULL,
    mis TEXT,
    blob_id TEXT NOT NULL,
    blob_key TEXT NOT NULL,
    thumb_id TEXT NOT NULL,
    thumb_key TEXT NOT NULL,
    phash TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    status TEXT NOT NULL,
    cancelled_on INTEGER,
    entered_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX images_by_record ON images (lrn, status);
CREATE INDEX images_by_status ON images (status, image_type);
