package cn.huren.server.seal;

import cn.huren.server.support.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.http.HttpStatus;

/**
 * A seal image must be a real PNG: the signature bytes, then a decoder that reads its header and
 * every pixel without error. Size is capped before decoding, and so are the dimensions (read from
 * the header first), so that a small file cannot ask for a huge bitmap.
 */
final class SealImages {

    static final int MAX_BYTES = 512 * 1024;
    static final int MAX_SIDE = 1200;
    static final int MIN_SIDE = 16;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    record Png(int width, int height) {
    }

    private SealImages() {
    }

    static Png check(byte[] image) {
        if (image == null || image.length == 0) {
            throw invalid("seal-image", "a seal needs its image, a PNG file");
        }
        if (image.length > MAX_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "seal-image-too-large", "a seal image is at most " + MAX_BYTES / 1024 + " KB");
        }
        if (image.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(image, SIGNATURE.length), SIGNATURE)) {
            throw invalid("seal-image", "the seal image is not a PNG file");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
                throw invalid("seal-image-size", "a seal image is " + MIN_SIDE + " to " + MAX_SIDE + " pixels wide and high; this one is "
                        + width + "×" + height);
            }
            reader.read(0);
            return new Png(width, height);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw invalid("seal-image", "the seal image is not a readable PNG file");
        } finally {
            reader.dispose();
        }
    }

    private static ApiException invalid(String code, String message) {
        return ApiException.invalid(List.of(new ApiException.FieldError("image", message, code)));
    }
}
