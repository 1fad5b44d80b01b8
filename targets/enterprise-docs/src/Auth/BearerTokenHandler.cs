using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EnterpriseDocs.Auth;

/// <summary>
/// Authenticates a caller presenting the configured token as <c>Authorization: Bearer …</c>, or as the
/// <c>access_token</c> query parameter on hub paths. Built on the framework's AuthenticationHandler.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<BearerTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AuthFailureCounter failures)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    private const string FailureKey = "enterprise-docs.auth-failure";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = ReadPresentedToken();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!TokensEqual(presented, Options.Token))
        {
            Context.Items[FailureKey] = true;
            return Task.FromResult(AuthenticateResult.Fail("invalid bearer token"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "loadcert")], Scheme.Name);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        failures.Increment();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Context.Items.ContainsKey(FailureKey)
            ? "Bearer realm=\"enterprise-docs\", error=\"invalid_token\""
            : "Bearer realm=\"enterprise-docs\"";
        return Task.CompletedTask;
    }

    private string? ReadPresentedToken()
    {
        string header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        if (Request.Path.StartsWithSegments(Options.QueryTokenPathPrefix)
            && Request.Query.TryGetValue("access_token", out var fromQuery)
            && !string.IsNullOrEmpty(fromQuery))
        {
            return fromQuery.ToString();
        }
        return null;
    }

    private static bool TokensEqual(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
