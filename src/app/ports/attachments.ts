/** A meeting's attachments (implemented in src/store). */
import type { Attachment } from '../../domain/attachment';
import type { Stored } from './stored';

export interface NewAttachment extends Omit<Attachment, 'id'> {
  sourceKey: string;
}

export interface AttachmentRepository {
  /** A repeated `sourceKey` returns the attachment stored first. */
  add(input: NewAttachment): Promise<Stored<Attachment>>;
  /** Oldest first. */
  listForMeeting(tenantId: string, meetingId: string): Promise<Attachment[]>;
}
