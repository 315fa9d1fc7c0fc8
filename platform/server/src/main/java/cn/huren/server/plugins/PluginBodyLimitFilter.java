package cn.huren.server.plugins;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.support.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Plugin endpoints ({@code /api/t/…/plugins/**}) and pages ({@code /p/**}) take bodies up to a limit: a plain body
 * {@code huren.plugins.max-body-bytes} (512 KB), a multipart upload the attachments' limit. Larger: 413 problem+json,
 * from the declared Content-Length before anything is read, or once a body sent without one has read past the limit.
 * (Form and multipart parameters the container parses itself stay under its own limits too.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 31)
class PluginBodyLimitFilter extends OncePerRequestFilter {

    private static final Pattern PLUGIN = Pattern.compile("^(/api/t/[^/]+/plugins/.*|(/t/[^/]+)?/p/.*)$");

    private final long maxBody;
    private final long maxMultipart;

    PluginBodyLimitFilter(@Value("${huren.plugins.max-body-bytes:524288}") long maxBody,
                          @Value("${huren.attachments.max-bytes:20971520}") long maxAttachment) {
        this.maxBody = maxBody;
        this.maxMultipart = maxAttachment + 64 * 1024; // the file and its form fields and part headers
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PLUGIN.matcher(Paths.of(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        long max = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/") ? maxMultipart : maxBody;
        if (request.getContentLengthLong() > max) {
            Problems.write(response, tooLarge(max));
            return;
        }
        chain.doFilter(new Limited(request, max), response);
    }

    static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "the request body is larger than " + max + " bytes");
    }

    /** The request whose body stream refuses to read past the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    private int count(int n) {
                        if (n > 0 && (read += n) > max) {
                            throw tooLarge(max);
                        }
                        return n;
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return count(in.read(b, off, len));
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
