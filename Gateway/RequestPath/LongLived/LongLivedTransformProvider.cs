using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.RequestPath.LongLived;

/// <summary>Puts <see cref="LongLivedTracking"/> on every route's responses, unless Gateway:WebSockets:CloseOnLogout is off.</summary>
internal sealed class LongLivedTransformProvider(IOptions<WebSocketsOptions> options, LongLivedTracking tracking) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (options.Value.CloseOnLogout)
        {
            context.ResponseTransforms.Add(tracking);
        }
    }
}
