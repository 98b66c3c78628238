using Gateway.Revocation;
using Gateway.Tokens;
using Gateway.Users;

namespace Gateway.Auth;

/// <summary>Issues a token for a user whose password was just checked and hands it to the browser as a cookie.</summary>
internal sealed class SignIn(TokenIssuer issuer, TokenCookies cookies, ITokenRevocation revocation)
{
    public IssuedToken Start(HttpContext context, User user)
    {
        // The revocation view may know a later cut-off than the user record read a moment ago (another instance's).
        if (revocation.CutOff(user.Id) is { } cutOff && cutOff > user.TokensValidAfter)
        {
            user = user with { TokensValidAfter = cutOff };
        }

        var token = issuer.Issue(user);
        cookies.Append(context, token);
        return token;
    }
}
