using Microsoft.AspNetCore.Authentication;

namespace EnterpriseDocs.Auth;

/// <summary>Options of the static bearer token scheme.</summary>
public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>Name under which the scheme is registered.</summary>
    public const string SchemeName = "StaticBearer";

    /// <summary>The token a caller must present.</summary>
    public string Token { get; set; } = "";

    /// <summary>Path prefix on which the token may also come as the access_token query parameter
    /// (browsers cannot set headers on WebSocket and EventSource requests).</summary>
    public string QueryTokenPathPrefix { get; set; } = "/hubs";
}
