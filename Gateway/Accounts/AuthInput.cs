using System.Text.Json;
using Gateway.Responses;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Accounts;

/// <summary>
/// The fields of a POST to an /auth endpoint, from a form or a JSON object, read with a small size cap.
/// Anything else is refused with a 4xx that says what to send.
/// </summary>
internal sealed class AuthInput
{
    public const int MaxBodyBytes = 8 * 1024;

    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersLengthLimit = MaxBodyBytes,
    };

    /// <summary>The form field (and JSON property) of "Keep me signed in".</summary>
    public const string RememberMeField = "rememberMe";

    /// <summary>The fields a JSON body may send as true or false.</summary>
    private static readonly HashSet<string> FlagFields = new(StringComparer.Ordinal) { RememberMeField };

    private readonly Dictionary<string, string?> _fields;

    private AuthInput(bool isForm, Dictionary<string, string?> fields)
    {
        IsForm = isForm;
        _fields = fields;
    }

    /// <summary>No fields: a script's POST without a body, where none is needed.</summary>
    public static AuthInput None => new(isForm: false, new Dictionary<string, string?>(StringComparer.Ordinal));

    public bool IsForm { get; }

    public string? this[string name] => _fields.GetValueOrDefault(name);

    /// <returns>The fields, or null once the request has been answered with the 4xx saying what to send instead.</returns>
    public static async Task<AuthInput?> ReadOrRejectAsync(HttpContext context, Replies replies)
    {
        var (input, error) = await ReadAsync(context);
        if (input is null)
        {
            await replies.ErrorAsync(context, error!);
        }

        return input;
    }

    public static async Task<(AuthInput? Input, HttpError? Error)> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            if (RequestKinds.HasFormBody(request))
            {
                return await ReadFormAsync(request);
            }

            if (RequestKinds.HasJsonBody(request))
            {
                return await ReadJsonAsync(request);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge);
        }
        catch (InvalidDataException)
        {
            return (null, new HttpError(StatusCodes.Status400BadRequest,
                new ErrorBody("invalid_form", "The form could not be read: it has too many or too long fields.")));
        }

        return (null, new HttpError(StatusCodes.Status415UnsupportedMediaType, new ErrorBody("unsupported_media_type",
            "Send the fields as application/json or as an HTML form (application/x-www-form-urlencoded).")));
    }

    private static HttpError TooLarge => new(StatusCodes.Status413PayloadTooLarge,
        new ErrorBody("body_too_large", $"The request body is larger than {MaxBodyBytes / 1024} KB."));

    private static async Task<(AuthInput?, HttpError?)> ReadFormAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(FormLimits, request.HttpContext.RequestAborted);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (value.Count > 1)
            {
                return (null, new HttpError(StatusCodes.Status400BadRequest,
                    new ErrorBody("invalid_form", $"The field '{key}' was sent more than once.")));
            }

            fields[key] = value.ToString();
        }

        return (new AuthInput(isForm: true, fields), null);
    }

    private static async Task<(AuthInput?, HttpError?)> ReadJsonAsync(HttpRequest request)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, new HttpError(StatusCodes.Status400BadRequest,
                new ErrorBody("invalid_json", "The body is not valid JSON.")));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new HttpError(StatusCodes.Status400BadRequest,
                    new ErrorBody("invalid_json", "The body must be a JSON object, like {\"username\": \"...\", \"password\": \"...\"}.")));
            }

            try
            {
                return ReadFields(document.RootElement);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException)
            {
                // The parser checks structure; the text of a name or string is only decoded here, where invalid UTF-8
                // or an escaped lone surrogate ("\ud800", RFC 8259 section 8.2) cannot become a .NET string.
                return (null, new HttpError(StatusCodes.Status400BadRequest, new ErrorBody("invalid_json",
                    "The body holds text that is not valid Unicode: send UTF-8, with no unpaired \\uD800-\\uDFFF escapes.")));
            }
        }
    }

    private static (AuthInput?, HttpError?) ReadFields(JsonElement root)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    fields[property.Name] = property.Value.GetString();
                    break;
                case JsonValueKind.Null:
                    fields[property.Name] = null;
                    break;
                case JsonValueKind.True or JsonValueKind.False when FlagFields.Contains(property.Name):
                    // Read like the checkbox's form value; any other field stays a string, so "password": true is refused.
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                default:
                    return (null, new HttpError(StatusCodes.Status400BadRequest,
                        new ErrorBody("invalid_json", $"The field '{property.Name}' must be a string.")));
            }
        }

        return (new AuthInput(isForm: false, fields), null);
    }
}
