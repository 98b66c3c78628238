using Gateway.Tokens;
using Gateway.Users;

namespace Gateway.Auth;

/// <summary>Issues a token for a user whose password was just checked and hands it to the browser as a cookie.</summary>
internal sealed class SignIn(TokenIssuer issuer, TokenCookies cookies)
{
    public IssuedToken Start(HttpContext context, User user)
    {
        var token = issuer.Issue(user);
        cookies.Append(context, token);
        return token;
    }
}
