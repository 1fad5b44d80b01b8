using System.Net;
using System.Security.Claims;
using System.Text.Json;
using EnterpriseDocs.Auth;
using EnterpriseDocs.Configuration;
using Microsoft.AspNetCore.Authentication;

namespace EnterpriseDocs.Endpoints;

/// <summary>
/// The login and logout of the cookie session area, all anonymous: GET /account/login (an HTML form),
/// POST /account/login (form or JSON credentials; sets the session cookie), POST /account/logout.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Credentials as a JSON body of POST /account/login.</summary>
    public sealed record LoginRequest(string? Username, string? Password);

    /// <summary>
    /// Adds the account routes. POST /account/login with a form answers 302 to the local ReturnUrl
    /// (else /session/me); with JSON it answers 200 {user}. Wrong credentials answer 401 (the form again,
    /// or JSON), missing ones 400. POST /account/logout clears the cookie and answers 302 to the login page.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();

        account.MapGet("/login", (string? returnUrl) => LoginPage(LocalOrDefault(returnUrl), error: null, StatusCodes.Status200OK));

        account.MapPost("/login", async (HttpContext context, ApiSettings settings) =>
        {
            var (credentials, fromForm) = await ReadCredentialsAsync(context.Request);
            string returnUrl = LocalOrDefault(context.Request.Query["ReturnUrl"].ToString());
            if (credentials is null || string.IsNullOrEmpty(credentials.Username) || string.IsNullOrEmpty(credentials.Password))
            {
                return fromForm
                    ? LoginPage(returnUrl, "Enter a user name and a password.", StatusCodes.Status400BadRequest)
                    : Results.BadRequest(new { error = "username and password are required (form fields or JSON)" });
            }
            if (!SessionCookie.SecretEquals(credentials.Username, settings.SessionUser)
                || !SessionCookie.SecretEquals(credentials.Password, settings.SessionPassword))
            {
                return fromForm
                    ? LoginPage(returnUrl, "Wrong user name or password.", StatusCodes.Status401Unauthorized)
                    : Results.Json(new { error = "wrong user name or password" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, settings.SessionUser)], SessionCookie.SchemeName);
            await context.SignInAsync(SessionCookie.SchemeName, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
            return fromForm ? Results.Redirect(returnUrl) : Results.Ok(new { user = settings.SessionUser });
        });

        account.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(SessionCookie.SchemeName);
            return Results.Redirect(SessionCookie.LoginPath);
        });
    }

    private static async Task<(LoginRequest? Credentials, bool FromForm)> ReadCredentialsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return (new LoginRequest(form["username"].ToString(), form["password"].ToString()), true);
        }
        if (request.HasJsonContentType())
        {
            try
            {
                return (await request.ReadFromJsonAsync<LoginRequest>(request.HttpContext.RequestAborted), false);
            }
            catch (JsonException)
            {
                return (null, false);
            }
        }
        return (null, false);
    }

    /// <summary>A local path to return to after login (never another origin: no open redirect), else /session/me.</summary>
    private static string LocalOrDefault(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/session/me";

    private static IResult LoginPage(string returnUrl, string? error, int status)
    {
        string action = SessionCookie.LoginPath + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        string message = error is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        string html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in - enterprise-docs</title></head>
            <body>
            <h1>Sign in</h1>
            {message}
            <form method="post" action="{WebUtility.HtmlEncode(action)}">
              <label>User name <input name="username" autocomplete="username"></label>
              <label>Password <input name="password" type="password" autocomplete="current-password"></label>
              <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
