# The reference stack: one image, every role (inference, gateway, ...) chosen by the first argument.
# Built by scripts/build-image.sh from a prepared context; no base image is pulled (no registry here).
FROM scratch
# glibc closure of the app host and the native libraries, copied from the build machine.
COPY rootfs/ /
# ONNX Runtime's native libraries (CUDA provider included) change rarely: their own early layer.
COPY native/ /app/
COPY app/ /app/
COPY models/ /models/
ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0 \
    HOME=/tmp \
    TMPDIR=/tmp
ENTRYPOINT ["/app/chaos-stack"]
