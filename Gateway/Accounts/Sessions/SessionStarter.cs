using Gateway.RequestPath.Token;
using Gateway.Storage;
using Gateway.Tokens;

namespace Gateway.Accounts.Sessions;

/// <summary>
/// Starts a session for a user whose password (and second factor, when enrolled) was just checked: a token, handed to the browser as a cookie, and the
/// remember-me cookie when the user asked to be kept signed in.
/// </summary>
internal sealed class SessionStarter(SessionPolicy sessions, TokenIssuer issuer, TokenCookies cookies, RememberMeCredential remember)
{
    /// <param name="secondFactor">A code was checked too (the token's amr says otp).</param>
    public IssuedToken Start(HttpContext context, User user, bool rememberMe = false, bool secondFactor = false)
    {
        var session = sessions.Start(user, rememberMe, secondFactor);
        var token = issuer.Issue(user, session);
        cookies.Append(context, token, sessions.LastSignInKeptUntil(session));
        if (session.Remembered)
        {
            cookies.AppendRemembered(context, remember.Create(user.Id, session), session.EndsAt);
        }
        else if (cookies.ReadRemembered(context.Request) is not null)
        {
            // A remember-me cookie of an earlier sign-in on this browser must not bring that session back.
            cookies.DeleteRemembered(context);
        }

        return token;
    }
}
