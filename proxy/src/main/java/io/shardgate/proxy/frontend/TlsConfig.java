package io.shardgate.proxy.frontend;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Whether the proxy offers TLS, and with which certificate: none, a configured PEM key and
 * certificate chain, or a self-signed certificate generated at start (for {@code demo} and tests;
 * clients must then not verify the server, e.g. Connector/J {@code sslMode=REQUIRED}).
 */
public final class TlsConfig {

    private final SslContext context;
    private final X509Certificate certificate;

    private TlsConfig(SslContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    public static TlsConfig none() {
        return new TlsConfig(null, null);
    }

    /**
     * TLS from PEM files: the certificate chain (leaf first) and its private key (PKCS#8, or
     * PKCS#1 "RSA PRIVATE KEY").
     */
    public static TlsConfig fromPem(Path certificateChain, Path privateKey) {
        for (Path path : new Path[] {certificateChain, privateKey}) {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("TLS file " + path.toAbsolutePath()
                        + " does not exist or is not readable; point the TLS settings at a PEM certificate chain and key");
            }
        }
        try {
            return new TlsConfig(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build(), null);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot use TLS certificate " + certificateChain + " with key " + privateKey
                    + ": " + e.getMessage() + "; both must be PEM and the key must match the first certificate", e);
        }
    }

    /** A fresh RSA key and a self-signed certificate for {@code hostName} (also valid for localhost/127.0.0.1). */
    public static TlsConfig selfSigned(String hostName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + hostName + ", O=Shardgate self-signed");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostName),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new TlsConfig(SslContextBuilder.forServer(keys.getPrivate(), certificate).build(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException("could not generate a self-signed TLS certificate: " + e.getMessage(), e);
        }
    }

    public boolean enabled() {
        return context != null;
    }

    /** The generated certificate, for clients that want to trust it explicitly; empty for PEM or none. */
    public Optional<X509Certificate> selfSignedCertificate() {
        return Optional.ofNullable(certificate);
    }

    SslHandler newHandler(ByteBufAllocator allocator) {
        if (context == null) {
            throw new IllegalStateException("TLS is not configured");
        }
        return context.newHandler(allocator);
    }
}
