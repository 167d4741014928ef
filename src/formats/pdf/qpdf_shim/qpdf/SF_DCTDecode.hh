// Quarry's replacement for qpdf's libqpdf/qpdf/SF_DCTDecode.hh (cmake/Qpdf.cmake puts this folder
// first on qpdf's include path). qpdf's version builds a Pl_DCT pipeline over libjpeg, whose error
// path needs setjmp; text extraction never decodes JPEG images, so we build qpdf without libjpeg and
// this filter's pipeline throws instead. DCTDecode stays a known, "specialized" filter, so qpdf never
// tries to decode it when asked for generalized filters only, exactly as before.
#ifndef SF_DCTDECODE_HH
#define SF_DCTDECODE_HH

#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFStreamFilter.hh>

#include <memory>
#include <stdexcept>

/// A pipeline that refuses its data: DCT (JPEG) decoding is not built into Quarry.
class Pl_DCT_unavailable final : public Pipeline
{
  public:
    Pl_DCT_unavailable(char const* identifier, Pipeline* next) : Pipeline(identifier, next) {}
    void write(unsigned char const*, size_t) override
    {
        throw std::runtime_error("DCTDecode: JPEG decoding is not built into Quarry");
    }
    void finish() override
    {
        throw std::runtime_error("DCTDecode: JPEG decoding is not built into Quarry");
    }
};

/// The DCTDecode stream filter, known to qpdf but without a decoder.
class SF_DCTDecode : public QPDFStreamFilter
{
  public:
    SF_DCTDecode() = default;
    ~SF_DCTDecode() override = default;

    Pipeline* getDecodePipeline(Pipeline* next) override
    {
        this->pipeline = std::make_shared<Pl_DCT_unavailable>("DCT decode", next);
        return this->pipeline.get();
    }

    static std::shared_ptr<QPDFStreamFilter> factory() { return std::make_shared<SF_DCTDecode>(); }

    bool isSpecializedCompression() override { return true; }
    bool isLossyCompression() override { return true; }

  private:
    std::shared_ptr<Pipeline> pipeline;
};

#endif  // SF_DCTDECODE_HH
