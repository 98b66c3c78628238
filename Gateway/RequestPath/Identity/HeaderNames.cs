namespace Gateway.RequestPath.Identity;

/// <summary>
/// Header names compared the way backends end up seeing them: CGI, WSGI and PHP turn "-" and "." into "_" and
/// ignore case, so X-User-Id, x_user_id and X.User.Id reach a Flask view as the same HTTP_X_USER_ID.
/// Two names match when their letters and digits match, case aside.
/// </summary>
internal static class HeaderNames
{
    public static bool SameForBackends(string a, string b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]))
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (char.ToUpperInvariant(a[i]) != char.ToUpperInvariant(b[j]))
            {
                return false;
            }

            i++;
            j++;
        }
    }
}
