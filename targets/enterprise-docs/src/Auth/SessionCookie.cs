using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace EnterpriseDocs.Auth;

/// <summary>
/// The cookie-authenticated session area beside the bearer API: ASP.NET Core's cookie handler as a
/// second scheme, the policy that protects /session/*, and the demo account's credential check.
/// </summary>
public static class SessionCookie
{
    /// <summary>Name of the cookie scheme (the framework's default, "Cookies").</summary>
    public const string SchemeName = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Name of the authorization policy of the session routes: a user signed in by the cookie scheme.</summary>
    public const string PolicyName = "Session";

    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "ed.session";

    /// <summary>Where an anonymous request to a session route is redirected (302), with ?ReturnUrl=.</summary>
    public const string LoginPath = "/account/login";

    /// <summary>Where POST signs out.</summary>
    public const string LogoutPath = "/account/logout";

    /// <summary>
    /// Adds the cookie scheme: HttpOnly, SameSite=Lax cookie (Secure when the request is HTTPS), 20 minutes
    /// sliding, LoginPath /account/login. An anonymous request is answered 302 to the login path, except
    /// one marked X-Requested-With: XMLHttpRequest, which gets 401 (the behaviour before .NET 10).
    /// </summary>
    public static AuthenticationBuilder AddSessionCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(SchemeName, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(20);
            o.SlidingExpiration = true;
            // .NET 10's default answers 401 instead of 302 on endpoints it takes for APIs (IApiEndpointMetadata:
            // minimal APIs returning TypedResults or JSON, as /session/* do; measured: both answered 401 without
            // this). The session routes belong to a browser session, so they redirect as the handler always did.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Headers.XRequestedWith == "XMLHttpRequest")
                {
                    context.Response.Headers.Location = context.RedirectUri;
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
        });

    /// <summary>Adds the session policy: an authenticated user of the cookie scheme (a bearer token does not count).</summary>
    public static void AddSessionPolicy(this AuthorizationOptions options) =>
        options.AddPolicy(PolicyName, p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser());

    /// <summary>True when both values are equal, compared in constant time.</summary>
    public static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
