package io.dvraft.bls;

import java.util.ArrayList;
import java.util.List;

/**
 * The encodings BLS-Raft puts in the opaque {@code extension} of Raft's AppendEntries and
 * AppendEntriesResponse. Both start with a version byte.
 *
 * <ul>
 *   <li>Request (AppendEntries): version (1), finalized index (8). Exactly 9 bytes.
 *   <li>Shares (AppendEntriesResponse): version (1), item count (2), then per item in strictly
 *       ascending index order: index (8), term (8), kind (1), and for kind 1 (share) the 96-byte
 *       signature, for kind 2 (refusal) a reason code (1).
 * </ul>
 *
 * <p>An empty extension means "nothing" (a plain Raft message). Decoding is strict: unknown
 * versions, kinds or reasons, truncation, trailing bytes, indexes or terms below 1 and repeated or
 * unordered indexes are all malformed; the caller drops the whole extension.
 */
public final class ExtensionCodec {

  /** The encoding version this codec writes and reads. */
  public static final int VERSION = 1;

  /** The most items one shares extension may hold (its count field is 16 bits). */
  public static final int MAX_ITEMS = 0xffff;

  private static final int SHARE = 1;
  private static final int REFUSAL = 2;
  private static final int MIN_ITEM_BYTES = 8 + 8 + 1 + 1;

  private ExtensionCodec() {}

  /**
   * Encodes a signature request.
   *
   * @param request the request
   * @return 9 bytes
   */
  public static byte[] encodeRequest(SignatureRequest request) {
    return new ByteWriter(9).u8(VERSION).u63(request.finalizedIndex()).toByteArray();
  }

  /**
   * Decodes a signature request.
   *
   * @param bytes the extension of an AppendEntries, not empty
   * @return the request
   * @throws MalformedBlsDataException if the bytes are not a valid request
   */
  public static SignatureRequest decodeRequest(byte[] bytes) throws MalformedBlsDataException {
    ByteReader in = new ByteReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new MalformedBlsDataException("unknown request version " + version);
    }
    long finalized = in.u63("finalized index");
    in.end("the request");
    return new SignatureRequest(finalized);
  }

  /**
   * Encodes share items.
   *
   * @param items at most {@link #MAX_ITEMS} items in strictly ascending index order
   * @return the bytes
   * @throws IllegalArgumentException if there are too many items or they are not ascending
   */
  public static byte[] encodeShares(List<? extends ShareItem> items) {
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("at most " + MAX_ITEMS + " items, got " + items.size());
    }
    ByteWriter out =
        new ByteWriter(3 + items.size() * (17 + ShareItem.Share.LENGTH))
            .u8(VERSION)
            .u16(items.size());
    long previous = 0;
    for (ShareItem item : items) {
      if (item.index() <= previous) {
        throw new IllegalArgumentException("items must be in strictly ascending index order");
      }
      previous = item.index();
      out.u63(item.index()).u63(item.term());
      if (item instanceof ShareItem.Share s) {
        out.u8(SHARE).bytes(s.signatureView());
      } else if (item instanceof ShareItem.Refusal r) {
        out.u8(REFUSAL).u8(r.reason().code());
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes share items.
   *
   * @param bytes the extension of an AppendEntriesResponse, not empty
   * @return the items, in ascending index order
   * @throws MalformedBlsDataException if the bytes are not a valid share list
   */
  public static List<ShareItem> decodeShares(byte[] bytes) throws MalformedBlsDataException {
    ByteReader in = new ByteReader(bytes);
    int version = in.u8("version");
    if (version != VERSION) {
      throw new MalformedBlsDataException("unknown shares version " + version);
    }
    int count = in.u16("item count");
    if ((long) count * MIN_ITEM_BYTES > in.remaining()) {
      throw new MalformedBlsDataException(
          count + " items cannot fit in " + in.remaining() + " bytes");
    }
    List<ShareItem> items = new ArrayList<>(count);
    long previous = 0;
    for (int i = 0; i < count; i++) {
      long index = in.u63("item index");
      long term = in.u63("item term");
      if (index < 1 || term < 1) {
        throw new MalformedBlsDataException("item " + index + "@" + term + " is below 1");
      }
      if (index <= previous) {
        throw new MalformedBlsDataException(
            "item index " + index + " repeated or out of order after " + previous);
      }
      previous = index;
      int kind = in.u8("item kind");
      if (kind == SHARE) {
        items.add(new ShareItem.Share(index, term, in.bytes(ShareItem.Share.LENGTH, "signature")));
      } else if (kind == REFUSAL) {
        items.add(new ShareItem.Refusal(index, term, ShareItem.Reason.ofCode(in.u8("reason"))));
      } else {
        throw new MalformedBlsDataException("unknown item kind " + kind);
      }
    }
    in.end("the shares");
    return List.copyOf(items);
  }
}
