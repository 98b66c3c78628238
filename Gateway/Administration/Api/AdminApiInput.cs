using System.Text.Json;
using Gateway.Accounts;
using Gateway.Responses;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Administration.Api;

/// <summary>
/// The JSON body of an admin API call, read with the same size cap as the other /auth posts. A body that is not a
/// JSON object answers 400 naming the field the call needs, so a script learns what to send.
/// </summary>
internal static class AdminApiInput
{
    /// <returns>The parsed object (the caller disposes it), or null once the request has been answered with the 4xx.</returns>
    public static async Task<JsonDocument?> ReadOrRejectAsync(HttpContext context, Replies replies, string field, string example)
    {
        var (document, error) = await ReadAsync(context, field, example);
        if (document is null)
        {
            await replies.ErrorAsync(context, error!);
        }

        return document;
    }

    /// <summary>A string array, or null when the value is missing or anything else (a non-string item included).</summary>
    public static List<string?>? StringList(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string?>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list.Add(item.GetString());
        }

        return list;
    }

    /// <summary>A string, or null when the value is missing or not a string.</summary>
    public static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<(JsonDocument?, HttpError?)> ReadAsync(HttpContext context, string field, string example)
    {
        var request = context.Request;
        if (!RequestKinds.HasJsonBody(request))
        {
            return (null, HttpError.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"Send the body as application/json, like {example}."));
        }

        var tooLarge = HttpError.Of(StatusCodes.Status413PayloadTooLarge, "body_too_large",
            $"The request body is larger than {AuthInput.MaxBodyBytes / 1024} KB.");
        if (request.ContentLength > AuthInput.MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = AuthInput.MaxBodyBytes;
        }

        var invalid = new HttpError(StatusCodes.Status400BadRequest, new ErrorBody("invalid_json",
            $"The body is not a JSON object like {example}.", new Dictionary<string, string> { [field] = $"Send {example}." }));
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }
        catch (JsonException)
        {
            return (null, invalid);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object || !HasOnlyValidText(document.RootElement))
        {
            document.Dispose();
            return (null, invalid);
        }

        return (document, null);
    }

    /// <summary>
    /// The parser checks structure; a string's text is only decoded when read, where an escaped lone surrogate
    /// ("\ud800", RFC 8259 section 8.2) cannot become a .NET string. Decoding every string here keeps that a 400.
    /// </summary>
    private static bool HasOnlyValidText(JsonElement element)
    {
        try
        {
            return Decodes(element);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException)
        {
            return false;
        }

        static bool Decodes(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Decodes(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Decodes(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }

            return true;
        }
    }
}
