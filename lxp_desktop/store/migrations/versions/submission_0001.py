"""submission ledger, receipt details and reconciliation, confirmation periods

Revision ID: submission_0001
Revises: duties_0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "submission_0001"
down_revision = "accounts_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('confirmation_period',
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('semester', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('announced_at', sa.DateTime(), nullable=False),
    sa.Column('announced_by', sa.String(length=36), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confirmation_period'))
    )
    with op.batch_alter_table('confirmation_period', schema=None) as batch_op:
        batch_op.create_index('ix_confirmation_period_term', ['school_year', 'semester'], unique=False)

    op.create_table('receipt',
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('semester', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('kinds', sa.String(length=100), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=36), nullable=True),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt'))
    )
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.create_index('ix_receipt_term', ['school_year', 'semester'], unique=False)

    op.create_table('submission',
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('semester', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=10), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('corrects_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by', sa.String(length=36), nullable=True),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('package_dir', sa.Text(), nullable=True),
    sa.Column('counts', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['corrects_id'], ['submission.id'], name=op.f('fk_submission_corrects_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index('ix_submission_term', ['school_year', 'semester', 'category'], unique=False)

    op.create_table('confirmation',
    sa.Column('period_id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.String(length=4), nullable=False),
    sa.Column('state_date', sa.Date(), nullable=True),
    sa.Column('objection', sa.String(length=500), nullable=True),
    sa.Column('objection_date', sa.Date(), nullable=True),
    sa.Column('handled_by', sa.String(length=36), nullable=True),
    sa.Column('resolution', sa.String(length=500), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('resubmission_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['confirmation_period.id'], name=op.f('fk_confirmation_period_id_confirmation_period')),
    sa.ForeignKeyConstraint(['resubmission_id'], ['submission.id'], name=op.f('fk_confirmation_resubmission_id_submission')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_confirmation_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_confirmation'))
    )
    with op.batch_alter_table('confirmation', schema=None) as batch_op:
        batch_op.create_index('ix_confirmation_period_student', ['period_id', 'student_id'], unique=False)

    op.create_table('submission_item',
    sa.Column('submission_id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('record_table', sa.String(length=30), nullable=False),
    sa.Column('record_id', sa.Uuid(), nullable=False),
    sa.Column('record_version', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sheet', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('values_json', sa.Text(), nullable=False),
    sa.Column('file_count', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_submission_item_student_id_student')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_item_submission_id_submission')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_item'))
    )
    with op.batch_alter_table('submission_item', schema=None) as batch_op:
        batch_op.create_index('ix_submission_item_student', ['student_id'], unique=False)
        batch_op.create_index('ix_submission_item_submission', ['submission_id'], unique=False)

    op.create_table('receipt_item',
    sa.Column('receipt_id', sa.Uuid(), nullable=False),
    sa.Column('student_id', sa.Uuid(), nullable=False),
    sa.Column('submission_item_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('sheet', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('outcome', sa.String(length=4), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('term_label', sa.String(length=20), nullable=False),
    sa.Column('file_count', sa.Integer(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipt.id'], name=op.f('fk_receipt_item_receipt_id_receipt')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_receipt_item_student_id_student')),
    sa.ForeignKeyConstraint(['submission_item_id'], ['submission_item.id'], name=op.f('fk_receipt_item_submission_item_id_submission_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_item'))
    )
    with op.batch_alter_table('receipt_item', schema=None) as batch_op:
        batch_op.create_index('ix_receipt_item_receipt', ['receipt_id'], unique=False)
        batch_op.create_index('ix_receipt_item_student', ['student_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('receipt_item', schema=None) as batch_op:
        batch_op.drop_index('ix_receipt_item_student')
        batch_op.drop_index('ix_receipt_item_receipt')

    op.drop_table('receipt_item')
    with op.batch_alter_table('submission_item', schema=None) as batch_op:
        batch_op.drop_index('ix_submission_item_submission')
        batch_op.drop_index('ix_submission_item_student')

    op.drop_table('submission_item')
    with op.batch_alter_table('confirmation', schema=None) as batch_op:
        batch_op.drop_index('ix_confirmation_period_student')

    op.drop_table('confirmation')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index('ix_submission_term')

    op.drop_table('submission')
    with op.batch_alter_table('receipt', schema=None) as batch_op:
        batch_op.drop_index('ix_receipt_term')

    op.drop_table('receipt')
    with op.batch_alter_table('confirmation_period', schema=None) as batch_op:
        batch_op.drop_index('ix_confirmation_period_term')

    op.drop_table('confirmation_period')
