package org.portico.web.media;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An image of the media store as stored ({@code V19__cms_media.sql}), bytes included. Written only by
 * {@link MediaStore}, which reads lists and details as {@link MediaInfo} projections, so that the bytes are loaded
 * only when an image is served.
 */
@Entity
@Table(name = "cms_media")
class StoredMedia {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64, updatable = false)
    private String sha256;

    @Convert(converter = ImageFormatConverter.class)
    @Column(name = "media_type", nullable = false, length = 32, updatable = false)
    private ImageFormat format;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private long size;

    @Column(updatable = false)
    private Integer width;

    @Column(updatable = false)
    private Integer height;

    @Column(name = "file_name", nullable = false, length = 200, updatable = false)
    private String fileName;

    @Column(name = "uploaded_by", nullable = false, length = 64, updatable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    /** Served only through signed URLs, to logged-in readers (V23); editors change it. */
    @Column(name = "private_file", nullable = false)
    private boolean privateFile;

    /*
     * A plain byte[] (VARBINARY: bound with setBytes), not @Lob: Hibernate 6's PostgreSQL dialect maps @Lob byte[] to
     * a large object (an oid column, bound with setBlob), which a bytea column refuses and which would leave orphaned
     * large objects behind. BYTEA holds up to 1 GB on PostgreSQL and on H2; portico.media.max-size is at most 50 MiB.
     */
    @Column(nullable = false, updatable = false)
    private byte[] content;

    protected StoredMedia() {
    }

    StoredMedia(String sha256, ImageHeader image, byte[] content, String fileName, String uploadedBy,
                Instant uploadedAt, boolean privateFile) {
        this.privateFile = privateFile;
        this.sha256 = sha256;
        this.format = image.format();
        this.size = content.length;
        this.width = image.width();
        this.height = image.height();
        this.content = content;
        this.fileName = fileName;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    MediaInfo info() {
        return new MediaInfo(sha256, format, size, width, height, fileName, uploadedBy, uploadedAt, privateFile);
    }
}
