using System.Globalization;

using Gateway.Responses;

namespace Gateway.Administration.WebPage;

/// <summary>Which users the admin page lists: the search text and the page number (1 is the first), from the query string.</summary>
internal sealed record AdminListing(string Query, int Page)
{
    public const int MaxQueryLength = 100;
    public const string QueryParameter = "query";
    public const string PageParameter = "page";
    public const string NoticeParameter = "notice";
    public const string UserParameter = "user";

    public static readonly AdminListing First = new("", 1);

    private static readonly HttpError BadPage = HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request",
        "The page number must be a whole number from 1 up.");

    private static readonly HttpError LongQuery = HttpError.Of(StatusCodes.Status400BadRequest, "invalid_request",
        $"Search for at most {MaxQueryLength} characters.");

    /// <summary>The listing the query names, or the 400 saying what is wrong with it.</summary>
    public static (AdminListing? Listing, HttpError? Error) Read(IQueryCollection query)
    {
        var text = query[QueryParameter].ToString().Trim();
        if (text.Length > MaxQueryLength)
        {
            return (null, LongQuery);
        }

        var pages = query[PageParameter];
        var page = 1;
        if (pages.Count > 1 || (pages.Count == 1
            && (!int.TryParse(pages[0], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1)))
        {
            return (null, BadPage);
        }

        return (new AdminListing(text, page), null);
    }

    /// <summary>This listing's query string, with a notice to show when given; empty for the first page of everyone.</summary>
    public string QueryString(string? notice = null, string? userId = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (Query.Length > 0)
        {
            pairs.Add(new(QueryParameter, Query));
        }

        if (Page > 1)
        {
            pairs.Add(new(PageParameter, Page.ToString(CultureInfo.InvariantCulture)));
        }

        if (notice is not null)
        {
            pairs.Add(new(NoticeParameter, notice));
        }

        if (userId is not null)
        {
            pairs.Add(new(UserParameter, userId));
        }

        return pairs.Count == 0 ? "" : Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();
    }
}
