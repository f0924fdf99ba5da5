package org.portico.web.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response whose body is held in memory until its headers are decided: {@link #finish()} at the end of the request,
 * or earlier when the body outgrows the limit or the servlet sends an error or a redirect. The decision ({@link Decider})
 * runs exactly once, before the first byte reaches the client. One request's thread only.
 */
final class HeldResponse extends HttpServletResponseWrapper {

    /** Sets the real response's headers, once. */
    @FunctionalInterface
    interface Decider {
        /**
         * @param status     the status that will be sent
         * @param complete   whether the whole body was held
         * @param setsCookie whether the servlet set a cookie
         */
        void decide(int status, boolean complete, boolean setsCookie);
    }

    private final int limit;
    private final Decider decider;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean released;
    /** After an error or a redirect: the container ignores further body, so does this. */
    private boolean discarding;
    private boolean setsCookie;
    private ServletOutputStream stream;
    private PrintWriter writer;

    HeldResponse(HttpServletResponse response, int limit, Decider decider) {
        super(response);
        this.limit = limit;
        this.decider = decider;
    }

    /** Decides the headers (the body was held whole), then sends it with its length. */
    void finish() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (released) {
            return;
        }
        released = true;
        decider.decide(getStatus(), true, setsCookie);
        HttpServletResponse response = (HttpServletResponse) getResponse();
        response.setContentLength(held.size());
        if (held.size() > 0) {
            held.writeTo(response.getOutputStream());
        }
        held.reset();
    }

    /** Decides the headers with what is known now and sends what is held; later writes go straight through. */
    void release(boolean complete) throws IOException {
        if (writer != null) {
            writer.flush();
        }
        releaseHeld(complete);
    }

    /** {@link #release} without flushing the writer: called from the writer's own flush, when the limit is passed. */
    private void releaseHeld(boolean complete) throws IOException {
        if (released) {
            return;
        }
        released = true;
        decider.decide(getStatus(), complete, setsCookie);
        if (held.size() > 0) {
            held.writeTo(getResponse().getOutputStream());
            held.reset();
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        setsCookie = true;
        super.addCookie(cookie);
    }

    @Override
    public void setHeader(String name, String value) {
        setsCookie |= "Set-Cookie".equalsIgnoreCase(name);
        super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        setsCookie |= "Set-Cookie".equalsIgnoreCase(name);
        super.addHeader(name, value);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        setStatus(status);
        leaveEarly();
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        setStatus(status);
        leaveEarly();
        super.sendError(status);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        setStatus(SC_FOUND);
        leaveEarly();
        super.sendRedirect(location);
    }

    /** An error page or a redirect replaces the body: nothing held is sent. */
    private void leaveEarly() {
        held.reset();
        discarding = true;
        if (!released) {
            released = true;
            decider.decide(getStatus(), false, setsCookie);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called");
        }
        if (stream == null) {
            stream = new HeldStream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() has already been called");
            }
            stream = new HeldStream();
            writer = new PrintWriter(new OutputStreamWriter(stream, Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (released) {
            super.flushBuffer();
        }
    }

    @Override
    public boolean isCommitted() {
        return released && super.isCommitted();
    }

    @Override
    public void resetBuffer() {
        if (released) {
            super.resetBuffer();
        } else {
            held.reset();
        }
    }

    @Override
    public void reset() {
        super.reset();
        if (!released) {
            held.reset();
        }
    }

    @Override
    public void setContentLength(int length) {
        if (released) { // else the length is set when the held body is sent
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (released) { // else the length is set when the held body is sent
            super.setContentLengthLong(length);
        }
    }

    /** Holds up to the limit; beyond it, releases and writes through. */
    private final class HeldStream extends ServletOutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (discarding) {
                return;
            }
            if (!released && held.size() + length > limit) {
                releaseHeld(false);
            }
            if (released) {
                target().write(bytes, offset, length);
            } else {
                held.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (released) {
                target().flush();
            }
        }

        private OutputStream target() throws IOException {
            return getResponse().getOutputStream();
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("Portico's pages are written blocking");
        }
    }
}
