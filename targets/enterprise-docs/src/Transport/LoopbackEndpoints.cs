using System.Net;
using System.Security.Cryptography.X509Certificates;
using EnterpriseDocs.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EnterpriseDocs.Transport;

/// <summary>
/// Kestrel's listeners, all on loopback: the replica's plain port (API_PORT, as before: what the
/// readiness checks, the SignalR tests and a TLS-terminating proxy reach); with HTTPS_PORT, a TLS port
/// serving HTTP/1.1 and HTTP/2 by ALPN (Http1AndHttp2, Kestrel's default for TLS); with
/// HTTP_REDIRECT_PORT, a plain port that answers every request 307 to the HTTPS port, as ASP.NET Core's
/// template does with UseHttpsRedirection.
/// </summary>
public static class LoopbackEndpoints
{
    /// <summary>Configures the listeners of the settings; throws when the certificate cannot be loaded.</summary>
    public static void ListenOnLoopback(this WebApplicationBuilder builder, ApiSettings settings)
    {
        var certificate = settings.HttpsPort > 0 ? LoadCertificate(settings) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, settings.Port);
            if (certificate is null)
            {
                return;
            }
            // ListenLocalhost: 127.0.0.1 and ::1 (the certificate names both, and localhost)
            kestrel.ListenLocalhost(settings.HttpsPort, o =>
            {
                o.Protocols = HttpProtocols.Http1AndHttp2;
                o.UseHttps(certificate);
            });
            if (settings.RedirectPort > 0)
            {
                kestrel.ListenLocalhost(settings.RedirectPort, o => o.Protocols = HttpProtocols.Http1);
            }
        });
        if (settings.RedirectPort > 0)
        {
            builder.Services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status307TemporaryRedirect;
                o.HttpsPort = settings.HttpsPort;
            });
        }
    }

    /// <summary>
    /// UseHttpsRedirection on the redirect port only (first in the pipeline, so health and API requests
    /// there are redirected too); the replica's plain API_PORT is left as it was.
    /// </summary>
    public static void UseHttpsRedirectionPort(this WebApplication app, ApiSettings settings)
    {
        if (settings.RedirectPort <= 0)
        {
            return;
        }
        app.UseWhen(context => context.Connection.LocalPort == settings.RedirectPort, branch => branch.UseHttpsRedirection());
    }

    private static X509Certificate2 LoadCertificate(ApiSettings settings)
    {
        foreach (var file in new[] { settings.TlsCertPath, settings.TlsKeyPath })
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"TLS file {file} not found (TLS_CERT / TLS_KEY; scripts/stack/tls.sh makes them).");
            }
        }
        return X509Certificate2.CreateFromPemFile(settings.TlsCertPath, settings.TlsKeyPath);
    }
}
