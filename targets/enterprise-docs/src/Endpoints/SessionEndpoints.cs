using EnterpriseDocs.Auth;
using EnterpriseDocs.Data;
using Microsoft.AspNetCore.Authentication;

namespace EnterpriseDocs.Endpoints;

/// <summary>
/// The cookie session area under /session: routes of a signed-in browser user, protected by the session
/// policy (cookie scheme only); an anonymous request is redirected with 302 to /account/login?ReturnUrl=.
/// </summary>
public static class SessionEndpoints
{
    /// <summary>Largest number of recent documents GET /session/documents returns.</summary>
    public const int MaxRecent = 100;

    /// <summary>
    /// Adds GET /session/me ({user, scheme, issuedUtc, expiresUtc}) and GET /session/documents?limit=20
    /// ({user, count, items}: the user's documents updated last, newest first).
    /// </summary>
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/session").RequireAuthorization(SessionCookie.PolicyName);

        session.MapGet("/me", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(SessionCookie.SchemeName);
            return TypedResults.Ok(new
            {
                user = context.User.Identity?.Name,
                scheme = SessionCookie.SchemeName,
                issuedUtc = result.Properties?.IssuedUtc,
                expiresUtc = result.Properties?.ExpiresUtc,
            });
        });

        session.MapGet("/documents", async (int? limit, HttpContext context, DocumentRepository repository, CancellationToken cancel) =>
        {
            string user = context.User.Identity?.Name ?? "";
            var items = await repository.ListRecentByOwnerAsync(user, Math.Clamp(limit ?? 20, 1, MaxRecent), cancel);
            return TypedResults.Ok(new { user, count = items.Count, items });
        });
    }
}
